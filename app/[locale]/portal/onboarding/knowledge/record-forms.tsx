"use client";

import { useActionState, type ReactNode } from "react";
import { FileField, FormMessage, TextAreaField, TextField } from "../form-parts";
import { EMPTY_WIZARD_STATE, type WizardFormState } from "../form-state";
import styles from "../onboarding.module.css";
import { useUploadGuard } from "../use-upload-guard";
import { addCourseAction, addRoleAction, addTradeAction } from "./actions";

interface Common {
  assessmentDate: string;
  maxBytes: number;
  locked: boolean;
}

type Action = (previous: WizardFormState, formData: FormData) => Promise<WizardFormState>;

/** The structured details behind a "yes" (SUIT-2): a course, a role or a trade, with an optional document. */
function RecordForm({
  action,
  name,
  prefix,
  button,
  fileLabel,
  fields,
  common,
  children,
}: {
  action: Action;
  name: string;
  prefix: string;
  button: string;
  fileLabel: string;
  fields: readonly string[];
  common: Common;
  children: (state: WizardFormState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, EMPTY_WIZARD_STATE);
  return (
    <RecordFields key={state.at} state={state} formAction={formAction} pending={pending} name={name} prefix={prefix} button={button} fileLabel={fileLabel} fields={fields} common={common}>
      {children}
    </RecordFields>
  );
}

function RecordFields({
  state,
  formAction,
  pending,
  name,
  prefix,
  button,
  fileLabel,
  fields,
  common,
  children,
}: {
  state: WizardFormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  name: string;
  prefix: string;
  button: string;
  fileLabel: string;
  fields: readonly string[];
  common: Common;
  children: (state: WizardFormState) => ReactNode;
}) {
  const guard = useUploadGuard(common.maxBytes);
  return (
    <form action={formAction} onSubmit={guard.onSubmit} className="form form--wide" noValidate aria-label={name}>
      <fieldset disabled={common.locked} className={styles.bare}>
        {children(state)}
        <FileField
          state={state}
          prefix={prefix}
          name="document"
          label={fileLabel}
          hint={`Optional. At most ${common.maxBytes / 1024 / 1024} MB; stored with its SHA-256.`}
          localError={guard.error}
        />
        <p>
          <button type="submit" className="button" disabled={pending || common.locked}>
            {pending ? "Adding…" : button}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={[...fields, "document"]} localError={guard.error} />
    </form>
  );
}

export function CourseForm(common: Common) {
  return (
    <RecordForm
      action={addCourseAction}
      name="Add a course"
      prefix="course"
      button="Add course"
      fileLabel="Course certificate (PDF, PNG or JPEG)"
      fields={["provider", "topics", "completionDate"]}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="course" name="provider" label="Course provider" hint="The institution or firm that ran the course." />
          <TextAreaField state={state} prefix="course" name="topics" label="Topics covered" hint="The derivative topics, separated by commas, e.g. futures, options, margin and leverage." rows={2} />
          <TextField state={state} prefix="course" name="completionDate" label="Completion date" type="date" max={common.assessmentDate} />
        </>
      )}
    </RecordForm>
  );
}

export function RoleForm(common: Common) {
  return (
    <RecordForm
      action={addRoleAction}
      name="Add a role"
      prefix="role"
      button="Add role"
      fileLabel="Employer's letter or other record (PDF, PNG or JPEG)"
      fields={["employer", "role", "years", "derivativeDuties"]}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="role" name="employer" label="Employer" />
          <TextField state={state} prefix="role" name="role" label="Role" />
          <TextField state={state} prefix="role" name="years" label="Years in the role" inputMode="decimal" hint="e.g. 2 or 1.5" />
          <TextAreaField
            state={state}
            prefix="role"
            name="derivativeDuties"
            label="Derivative-related duties"
            hint="What you did with derivative products in this role: only roles related to derivatives count."
          />
        </>
      )}
    </RecordForm>
  );
}

export function TradeForm(common: Common) {
  return (
    <RecordForm
      action={addTradeAction}
      name="Add a trade"
      prefix="trade"
      button="Add trade"
      fileLabel="Contract note or statement (PDF, PNG or JPEG)"
      fields={["tradeDate", "instrument", "venueOrBroker"]}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="trade" name="tradeDate" label="Trade date" type="date" max={common.assessmentDate} />
          <TextField state={state} prefix="trade" name="instrument" label="Instrument" hint="e.g. HSI index futures, BTC perpetual, equity options." />
          <TextField state={state} prefix="trade" name="venueOrBroker" label="Venue or broker" />
        </>
      )}
    </RecordForm>
  );
}
