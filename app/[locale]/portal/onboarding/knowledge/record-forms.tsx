"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FormState } from "@/lib/form-state";
import {
  BROKER_STATEMENT_FIELDS,
  TRADE_INSTRUMENT_TYPES,
  TRADE_RECORD_FIELDS,
  TRAINING_RECORD_FIELDS,
  WORK_RECORD_FIELDS,
} from "@/lib/suitability/draft-fields";
import { FileField, RadioGroup, SelectField, TextAreaField, TextField } from "../form-parts";
import { StepForm } from "../step-form";
import { addCourseAction, addRoleAction, addStatementAction, addTradeAction } from "./actions";

interface Common {
  assessmentDate: string;
  maxBytes: number;
  locked: boolean;
}

/** The structured details behind a "yes" (SUIT-2): a course, a role, a trade or a statement, with its document. */
function RecordForm({
  action,
  prefix,
  fields,
  text,
  common,
  children,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  prefix: string;
  fields: readonly string[];
  /** The form's name, button and file label (and its hint when not the optional-file one), in the record's own wording. */
  text: { label: string; add: string; file: string; fileHint?: string };
  common: Common;
  children: (state: FormState) => ReactNode;
}) {
  const t = useTranslations("onboarding.form");
  return (
    <StepForm action={action} label={text.label} locked={common.locked} fields={fields} submit={text.add} submitting={t("adding")} maxBytes={common.maxBytes}>
      {(state, fileError) => (
        <>
          {children(state)}
          <FileField
            state={state}
            prefix={prefix}
            name="document"
            label={text.file}
            hint={text.fileHint ?? t("optionalFileHint", { max: String(common.maxBytes / 1024 / 1024) })}
            localError={fileError}
          />
        </>
      )}
    </StepForm>
  );
}

/** An external course (SUIT-2): its certificate is required, and an officer confirms the course against it. */
export function CourseForm(common: Common) {
  const t = useTranslations("onboarding.knowledge.courseForm");
  const gate = useTranslations("onboarding.knowledge.gate");
  return (
    <RecordForm
      action={addCourseAction}
      prefix="course"
      fields={TRAINING_RECORD_FIELDS}
      text={{ label: t("label"), add: t("add"), file: gate("courseFile"), fileHint: gate("courseFileHint", { max: String(common.maxBytes / 1024 / 1024) }) }}
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

/**
 * A role (SUIT-2): whether it involved derivatives is asked, with no answer chosen in advance. A "yes"
 * needs how it involved them and the document an officer confirms the role against.
 */
export function RoleForm(common: Common) {
  const t = useTranslations("onboarding.knowledge.roleForm");
  const gate = useTranslations("onboarding.knowledge.gate");
  const form = useTranslations("onboarding.form");
  const max = String(common.maxBytes / 1024 / 1024);
  return (
    <RecordForm
      action={addRoleAction}
      prefix="role"
      fields={WORK_RECORD_FIELDS}
      text={{ label: t("label"), add: t("add"), file: gate("roleFile"), fileHint: gate("roleFileHint", { max }) }}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="role" name="employer" label={t("employer")} />
          <TextField state={state} prefix="role" name="role" label={t("role")} />
          <TextField state={state} prefix="role" name="years" label={t("years")} inputMode="decimal" hint={t("yearsHint")} />
          <RadioGroup
            state={state}
            prefix="role"
            name="relatesToDerivatives"
            label={gate("roleRelates")}
            hint={gate("roleRelatesHint")}
            options={[
              { value: "yes", label: form("yes") },
              { value: "no", label: form("no") },
            ]}
          />
          <TextAreaField state={state} prefix="role" name="derivativeDuties" label={t("duties")} hint={gate("dutiesHint")} />
        </>
      )}
    </RecordForm>
  );
}

export function TradeForm(common: Common) {
  const t = useTranslations("onboarding.knowledge.tradeForm");
  const gate = useTranslations("onboarding.knowledge.gate");
  const instrumentType = useTranslations("labels.instrumentType");
  return (
    <RecordForm
      action={addTradeAction}
      prefix="trade"
      fields={TRADE_RECORD_FIELDS}
      text={{ label: t("label"), add: t("add"), file: t("file"), fileHint: gate("tradeFileHint", { max: String(common.maxBytes / 1024 / 1024) }) }}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="trade" name="tradeDate" label={t("tradeDate")} type="date" max={common.assessmentDate} />
          <SelectField
            state={state}
            prefix="trade"
            name="instrumentType"
            label={gate("instrumentType")}
            hint={gate("instrumentTypeHint")}
            options={TRADE_INSTRUMENT_TYPES.map((value) => ({ value, label: instrumentType(value) }))}
            placeholder={gate("chooseType")}
          />
          <TextField state={state} prefix="trade" name="instrument" label={t("instrument")} hint={t("instrumentHint")} />
          <TextField state={state} prefix="trade" name="venueOrBroker" label={t("venueOrBroker")} />
        </>
      )}
    </RecordForm>
  );
}

/** A broker or custodian statement declared to cover a period: it evidences every listed trade dated in it. */
export function StatementForm(common: Common) {
  const t = useTranslations("onboarding.knowledge.gate.statementForm");
  return (
    <RecordForm
      action={addStatementAction}
      prefix="statement"
      fields={BROKER_STATEMENT_FIELDS}
      text={{ label: t("label"), add: t("add"), file: t("file"), fileHint: t("fileHint", { max: String(common.maxBytes / 1024 / 1024) }) }}
      common={common}
    >
      {(state) => (
        <>
          <TextField state={state} prefix="statement" name="broker" label={t("broker")} />
          <div className="ticket-row">
            <TextField state={state} prefix="statement" name="periodFrom" label={t("periodFrom")} type="date" max={common.assessmentDate} />
            <TextField state={state} prefix="statement" name="periodTo" label={t("periodTo")} type="date" max={common.assessmentDate} />
          </div>
        </>
      )}
    </RecordForm>
  );
}
