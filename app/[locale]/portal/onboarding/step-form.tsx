"use client";

import { useActionState, type ReactNode } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { FormMessage } from "./form-parts";
import styles from "./onboarding.module.css";
import { useUploadGuard } from "./use-upload-guard";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

interface StepFormProps {
  action: Action;
  /** The form's accessible name. */
  label: string;
  wide?: boolean;
  /** While the application cannot be changed, the fields and the button are disabled. */
  locked: boolean;
  /** The fields the form shows inline errors for; the service's errors for any other field go in its message. */
  fields: readonly string[];
  submit: string;
  submitting: string;
  /** For a form with an uploaded "document": its size limit, checked in the browser before posting. */
  maxBytes?: number;
  /** The fields, given the last answer (to put refused values back) and the browser's file-size refusal. */
  children: (state: FormState, fileError: string | undefined) => ReactNode;
}

/**
 * An application form of the onboarding steps: the fields, the submit button and the answer, disabled
 * while the application is locked.
 */
export function StepForm(props: StepFormProps) {
  const [state, formAction, pending] = useActionState(props.action, EMPTY_FORM_STATE);
  // Keyed by the answer, so the fields take their default values again (the refused ones) after each answer.
  return <StepFormBody key={state.at} {...props} state={state} formAction={formAction} pending={pending} />;
}

function StepFormBody({
  label,
  wide = true,
  locked,
  fields,
  submit,
  submitting,
  maxBytes,
  children,
  state,
  formAction,
  pending,
}: StepFormProps & { state: FormState; formAction: (formData: FormData) => void; pending: boolean }) {
  const guard = useUploadGuard(maxBytes ?? Number.POSITIVE_INFINITY);
  const upload = maxBytes !== undefined;
  return (
    <form action={formAction} onSubmit={upload ? guard.onSubmit : undefined} className={wide ? "form form--wide" : "form"} noValidate aria-label={label}>
      <fieldset disabled={locked} className={styles.bare}>
        {children(state, guard.error)}
        <p>
          <button type="submit" className="button" disabled={pending || locked}>
            {pending ? submitting : submit}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={upload ? [...fields, "document"] : fields} localError={guard.error} />
    </form>
  );
}
