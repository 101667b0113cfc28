"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { FileField, FormMessage, TextAreaField, TextField } from "../form-parts";
import styles from "../onboarding.module.css";
import { useUploadGuard } from "../use-upload-guard";
import { addCourseAction, addRoleAction, addTradeAction } from "./actions";

interface Common {
  assessmentDate: string;
  maxBytes: number;
  locked: boolean;
}

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

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
  children: (state: FormState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, EMPTY_FORM_STATE);
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
  state: FormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  name: string;
  prefix: string;
  button: string;
  fileLabel: string;
  fields: readonly string[];
  common: Common;
  children: (state: FormState) => ReactNode;
}) {
  const t = useTranslations("onboarding.form");
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
          hint={t("optionalFileHint", { max: String(common.maxBytes / 1024 / 1024) })}
          localError={guard.error}
        />
        <p>
          <button type="submit" className="button" disabled={pending || common.locked}>
            {pending ? t("adding") : button}
          </button>
        </p>
      </fieldset>
      <FormMessage state={state} fields={[...fields, "document"]} localError={guard.error} />
    </form>
  );
}

export function CourseForm(common: Common) {
  const t = useTranslations("onboarding.knowledge.courseForm");
  return (
    <RecordForm
      action={addCourseAction}
      name={t("label")}
      prefix="course"
      button={t("add")}
      fileLabel={t("file")}
      fields={["provider", "topics", "completionDate"]}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="course" name="provider" label={t("provider")} hint={t("providerHint")} />
          <TextAreaField state={state} prefix="course" name="topics" label={t("topics")} hint={t("topicsHint")} rows={2} />
          <TextField state={state} prefix="course" name="completionDate" label={t("completionDate")} type="date" max={common.assessmentDate} />
        </>
      )}
    </RecordForm>
  );
}

export function RoleForm(common: Common) {
  const t = useTranslations("onboarding.knowledge.roleForm");
  return (
    <RecordForm
      action={addRoleAction}
      name={t("label")}
      prefix="role"
      button={t("add")}
      fileLabel={t("file")}
      fields={["employer", "role", "years", "derivativeDuties"]}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="role" name="employer" label={t("employer")} />
          <TextField state={state} prefix="role" name="role" label={t("role")} />
          <TextField state={state} prefix="role" name="years" label={t("years")} inputMode="decimal" hint={t("yearsHint")} />
          <TextAreaField state={state} prefix="role" name="derivativeDuties" label={t("duties")} hint={t("dutiesHint")} />
        </>
      )}
    </RecordForm>
  );
}

export function TradeForm(common: Common) {
  const t = useTranslations("onboarding.knowledge.tradeForm");
  return (
    <RecordForm
      action={addTradeAction}
      name={t("label")}
      prefix="trade"
      button={t("add")}
      fileLabel={t("file")}
      fields={["tradeDate", "instrument", "venueOrBroker"]}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="trade" name="tradeDate" label={t("tradeDate")} type="date" max={common.assessmentDate} />
          <TextField state={state} prefix="trade" name="instrument" label={t("instrument")} hint={t("instrumentHint")} />
          <TextField state={state} prefix="trade" name="venueOrBroker" label={t("venueOrBroker")} />
        </>
      )}
    </RecordForm>
  );
}
