/** What the decision form shows after a refused submission (with or without JavaScript); success redirects. */
export interface DecisionFormState {
  /** Changes with every answer, so the form remounts with the submitted values. */
  at: number;
  tone: "error" | null;
  message: string;
  /** The service's error code: STEP_UP_REQUIRED turns the message into a step-up link. */
  code?: string;
  fieldErrors?: Record<string, string[]>;
  /** The submitted decision and reason, put back into the form. */
  values?: { decision: string; reason: string };
}

export const EMPTY_DECISION_STATE: DecisionFormState = { at: 0, tone: null, message: "" };
