"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { saveStepUpDraft, StepUpDraftRestored, useStepUpDraft } from "@/components/step-up-draft";
import { describedBy, Field, FieldErrors, invalid } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { changeMarketParameterAction } from "./actions";
import { formText } from "@/lib/transport/posted-form";

export interface ChangeableParameter {
  market: string;
  path: string;
  label: string;
  unit: string;
  /** Current value as the registry shows it (formatted) and as typed input expects it (raw). */
  shown: string;
  raw: string;
}

const DRAFT_KEY = "market-parameter";

/** One market parameter change with its reason (Responsible Officer, step-up; audited). */
export function ParameterForm({ parameters, markets }: { parameters: ChangeableParameter[]; markets: string[] }) {
  const t = useTranslations("compliance.parameters.form");
  const [market, setMarket] = useState(markets[0] ?? "");
  const choices = parameters.filter((parameter) => parameter.market === market);
  const [path, setPath] = useState(choices[0]?.path ?? "");
  const chosen = choices.find((parameter) => parameter.path === path);
  const [message, setMessage] = useState<{ ok: boolean; text: string; stepUp?: boolean } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  // The market, parameter, value and reason are kept in this tab while the officer steps up, and put back after.
  const formRef = useRef<HTMLFormElement>(null);
  const restored = useStepUpDraft(DRAFT_KEY, formRef, (extra) => {
    const savedMarket = extra.get("market");
    const savedPath = extra.get("path");
    if (savedMarket && markets.includes(savedMarket)) {
      setMarket(savedMarket);
      if (savedPath && parameters.some((parameter) => parameter.market === savedMarket && parameter.path === savedPath)) setPath(savedPath);
    }
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await changeMarketParameterAction({ market, path, value: formText(form, "value"), reason: formText(form, "reason") });
    setPending(false);
    setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    if (result.ok) return setMessage({ ok: true, text: t("changed", { at: formatUtc(result.data.effectiveFromMs), seq: String(result.data.seq) }) });
    setMessage({ ok: false, text: result.error, stepUp: result.code === "STEP_UP_REQUIRED" });
  }

  const errorsOf = (field: string) => fieldErrors[field];
  return (
    <form ref={formRef} className="form form--wide" onSubmit={onSubmit} noValidate aria-label={t("label")}>
      {restored && !message ? <StepUpDraftRestored /> : null}
      {message ? (
        <Alert tone={message.ok ? "ok" : "error"}>
          {message.text}
          {message.stepUp ? (
            <>
              {" "}
              <Link href="/step-up?next=/compliance/parameters" onClick={() => saveStepUpDraft(DRAFT_KEY, formRef.current, { market, path })}>
                {t("confirmItIsYou")}
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      <Field id="parameter-market" label={t("market")}>
        <select
          id="parameter-market"
          value={market}
          onChange={(event) => {
            setMarket(event.target.value);
            setPath(parameters.find((parameter) => parameter.market === event.target.value)?.path ?? "");
          }}
        >
          {markets.map((symbol) => (
            <option key={symbol} value={symbol}>
              {symbol}
            </option>
          ))}
        </select>
      </Field>
      {/* The current value is the hint of both the parameter and the new value, so it is written out here. */}
      <div className="field">
        <label htmlFor="parameter-path">{t("parameter")}</label>
        <select id="parameter-path" value={path} onChange={(event) => setPath(event.target.value)} aria-describedby="parameter-current">
          {choices.map((parameter) => (
            <option key={parameter.path} value={parameter.path}>
              {t("choice", { label: parameter.label, path: parameter.path })}
            </option>
          ))}
        </select>
        <FieldErrors id="parameter-path" errors={errorsOf("path")} />
        <p className="field__hint" id="parameter-current">
          {chosen ? t("current", { shown: chosen.shown, unit: chosen.unit, raw: chosen.raw }) : null}
        </p>
      </div>
      <Field id="parameter-value" label={t("value")} errors={errorsOf("value")}>
        <input
          id="parameter-value"
          name="value"
          type="text"
          className="mono"
          aria-describedby={["parameter-current", describedBy("parameter-value", undefined, errorsOf("value"))].filter(Boolean).join(" ")}
          aria-invalid={invalid(errorsOf("value"))}
        />
      </Field>
      <Field id="parameter-reason" label={t("reason")} errors={errorsOf("reason")}>
        <input
          id="parameter-reason"
          name="reason"
          type="text"
          maxLength={500}
          aria-invalid={invalid(errorsOf("reason"))}
          aria-describedby={describedBy("parameter-reason", undefined, errorsOf("reason"))}
        />
      </Field>
      <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
