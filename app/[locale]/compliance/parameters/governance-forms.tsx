"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, firstError, invalid } from "@/components/ui/field";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { Link } from "@/lib/i18n/navigation";
import { decideProposalAction, proposeApprovalAction, proposeParametersAction, withdrawProposalAction } from "./actions";

export interface ProposableParameter {
  market: string;
  path: string;
  label: string;
  unit: string;
  shown: string;
  raw: string;
}

/** Maker step: one market parameter, its new value, the reason and the effective time (UTC). */
export function ProposeParametersForm({
  parameters,
  noticeMinutes,
  earliestText,
}: {
  parameters: ProposableParameter[];
  noticeMinutes: number;
  earliestText: string;
}) {
  const [state, formAction, pending] = useActionState(proposeParametersAction, EMPTY_FORM_STATE);
  const t = useTranslations("compliance.parameters.governance.propose");
  const markets = [...new Set(parameters.map((parameter) => parameter.market))];
  const errors = (name: string) => firstError(state.fieldErrors, name);
  const valueErrors = errors("changes") ?? errors("value");
  const whenHint = t("effectiveAtHint", { minutes: noticeMinutes, earliest: earliestText });
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("title")}>
      {state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="proposal-choice" label={t("parameter")} errors={errors("path") ?? errors("market")}>
        <select id="proposal-choice" name="choice" defaultValue={state.values?.choice} aria-invalid={invalid(errors("path"))}>
          {markets.map((market) => (
            <optgroup key={market} label={market}>
              {parameters
                .filter((parameter) => parameter.market === market)
                .map((parameter) => (
                  <option key={parameter.path} value={`${market} ${parameter.path}`}>
                    {t("choice", { market, label: parameter.label, path: parameter.path, shown: parameter.shown, raw: parameter.raw })}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field id="proposal-value" label={t("value")} hint={t("valueHint")} errors={valueErrors}>
        <input
          id="proposal-value"
          name="value"
          type="text"
          className="mono"
          maxLength={200}
          defaultValue={state.values?.value ?? ""}
          aria-invalid={invalid(valueErrors)}
          aria-describedby={describedBy("proposal-value", t("valueHint"), valueErrors)}
        />
      </Field>
      <Field id="proposal-effective" label={t("effectiveAt")} hint={whenHint} errors={errors("effectiveAt")}>
        <input
          id="proposal-effective"
          name="effectiveAt"
          type="text"
          className="mono"
          placeholder="YYYY-MM-DDTHH:MM"
          maxLength={40}
          defaultValue={state.values?.effectiveAt ?? ""}
          aria-invalid={invalid(errors("effectiveAt"))}
          aria-describedby={describedBy("proposal-effective", whenHint, errors("effectiveAt"))}
        />
      </Field>
      <Field id="proposal-reason" label={t("reason")} errors={errors("reason")}>
        <input
          id="proposal-reason"
          name="reason"
          type="text"
          maxLength={500}
          defaultValue={state.values?.reason ?? ""}
          aria-invalid={invalid(errors("reason"))}
          aria-describedby={describedBy("proposal-reason", undefined, errors("reason"))}
        />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("button")}
        </button>
      </p>
    </form>
  );
}

/** MRG-5: a new approval record (the regulator's reference, the date, the envelope), itself decided by a second officer. */
export function ProposeApprovalForm({ markets, envelopes }: { markets: string[]; envelopes: Record<string, string> }) {
  const [state, formAction, pending] = useActionState(proposeApprovalAction, EMPTY_FORM_STATE);
  const t = useTranslations("compliance.parameters.governance.approvalForm");
  const errors = (name: string) => firstError(state.fieldErrors, name);
  const market = state.values?.market ?? markets[0] ?? "";
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("title")}>
      {state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <Field id="approval-market" label={t("market")} errors={errors("market")}>
        <select id="approval-market" name="market" defaultValue={market}>
          {markets.map((symbol) => (
            <option key={symbol} value={symbol}>
              {symbol}
            </option>
          ))}
        </select>
      </Field>
      <Field id="approval-reference" label={t("reference")} errors={errors("reference")}>
        <input
          id="approval-reference"
          name="reference"
          type="text"
          maxLength={100}
          defaultValue={state.values?.reference ?? ""}
          aria-invalid={invalid(errors("reference"))}
        />
      </Field>
      <Field id="approval-date" label={t("approvedOn")} errors={errors("approvedOn")}>
        <input id="approval-date" name="approvedOn" type="date" defaultValue={state.values?.approvedOn ?? ""} aria-invalid={invalid(errors("approvedOn"))} />
      </Field>
      <Field id="approval-envelope" label={t("envelope")} hint={t("envelopeHint")} errors={errors("envelope")}>
        <textarea
          id="approval-envelope"
          name="envelope"
          rows={8}
          className="mono"
          defaultValue={state.values?.envelope ?? envelopes[market] ?? ""}
          aria-invalid={invalid(errors("envelope"))}
          aria-describedby={describedBy("approval-envelope", t("envelopeHint"), errors("envelope"))}
        />
      </Field>
      <Field id="approval-reason" label={t("reason")} errors={errors("reason")}>
        <input
          id="approval-reason"
          name="reason"
          type="text"
          maxLength={500}
          defaultValue={state.values?.reason ?? ""}
          aria-invalid={invalid(errors("reason"))}
        />
      </Field>
      <p>
        <button type="submit" className="button button--quiet" disabled={pending}>
          {pending ? t("pending") : t("button")}
        </button>
      </p>
    </form>
  );
}

/** Checker step: approve or reject with a note; posted only with a fresh step-up (the service checks it again). */
export function DecideProposalForm({ id, version, stepUpHref, canApprove }: { id: string; version: number; stepUpHref: string; canApprove: boolean }) {
  const [state, formAction, pending] = useActionState(decideProposalAction, EMPTY_FORM_STATE);
  const t = useTranslations("compliance.parameters.governance.decide");
  const stepUpLink = (chunks: ReactNode) => <Link href={stepUpHref}>{chunks}</Link>;
  const chosen = state.values?.decision ?? (canApprove ? "approve" : "reject");
  return (
    <form key={state.at} action={formAction} className="form form--wide" noValidate aria-label={t("title")}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {state.tone === "error" ? (
        <Alert tone="error">
          {state.message}
          {state.code === "STEP_UP_REQUIRED" ? <> {t.rich("stepUpAgain", { link: stepUpLink })}</> : null}
        </Alert>
      ) : null}
      <fieldset className="field">
        <legend>{t("decision")}</legend>
        <div className="checks">
          <label>
            <input type="radio" name="decision" value="approve" defaultChecked={chosen === "approve"} /> {t("approve")}
          </label>
          <label>
            <input type="radio" name="decision" value="reject" defaultChecked={chosen === "reject"} /> {t("reject")}
          </label>
        </div>
      </fieldset>
      <Field id="decision-note" label={t("note")} errors={firstError(state.fieldErrors, "note")}>
        <textarea id="decision-note" name="note" rows={3} maxLength={500} defaultValue={state.values?.note ?? ""} />
      </Field>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("pending") : t("button")}
        </button>
      </p>
    </form>
  );
}

export function WithdrawProposalForm({ id, version }: { id: string; version: number }) {
  const [state, formAction, pending] = useActionState(withdrawProposalAction, EMPTY_FORM_STATE);
  const t = useTranslations("compliance.parameters.governance.withdraw");
  return (
    <form key={state.at} action={formAction} className="form" aria-label={t("title")}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {state.tone === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <p>
        <button type="submit" className="button button--quiet" disabled={pending}>
          {pending ? t("pending") : t("button")}
        </button>
      </p>
    </form>
  );
}
