/** What the acknowledgement form shows after a submission (with or without JavaScript). */
export interface AcknowledgeFormState {
  at: number;
  tone: "ok" | "error" | null;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

export const EMPTY_ACKNOWLEDGE_STATE: AcknowledgeFormState = { at: 0, tone: null, message: "" };
