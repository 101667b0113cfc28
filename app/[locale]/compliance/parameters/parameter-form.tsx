"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { changeMarketParameterAction } from "./actions";

export interface ChangeableParameter {
  market: string;
  path: string;
  label: string;
  unit: string;
  /** Current value as the registry shows it (formatted) and as typed input expects it (raw). */
  shown: string;
  raw: string;
}

/** One market parameter change with its reason (Responsible Officer, step-up; audited). */
export function ParameterForm({ parameters, markets }: { parameters: ChangeableParameter[]; markets: string[] }) {
  const hydrated = useHydrated();
  const [market, setMarket] = useState(markets[0] ?? "");
  const choices = parameters.filter((parameter) => parameter.market === market);
  const [path, setPath] = useState(choices[0]?.path ?? "");
  const chosen = choices.find((parameter) => parameter.path === path);
  const [message, setMessage] = useState<{ ok: boolean; text: string; stepUp?: boolean } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await changeMarketParameterAction({ market, path, value: String(form.get("value") ?? ""), reason: String(form.get("reason") ?? "") });
    setPending(false);
    setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    if (result.ok) return setMessage({ ok: true, text: `Changed. In force from engine time ${new Date(result.data.effectiveFromMs).toISOString().replace("T", " ").slice(0, 19)} UTC (journal seq ${result.data.seq}); it is in the public change log.` });
    setMessage({ ok: false, text: result.error, stepUp: result.code === "STEP_UP_REQUIRED" });
  }

  const errorOf = (field: string) => fieldErrors[field]?.join(" ");
  return (
    <form className="form form--wide" onSubmit={onSubmit} noValidate aria-label="Change a market parameter">
      {message ? (
        <p className={`alert ${message.ok ? "alert--ok" : "alert--error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
          {message.stepUp ? (
            <>
              {" "}
              <Link href="/step-up?next=/compliance/parameters">Confirm it is you</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="parameter-market">Market</label>
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
      </div>
      <div className="field">
        <label htmlFor="parameter-path">Parameter</label>
        <select id="parameter-path" value={path} onChange={(event) => setPath(event.target.value)} aria-describedby="parameter-current">
          {choices.map((parameter) => (
            <option key={parameter.path} value={parameter.path}>
              {parameter.label} ({parameter.path})
            </option>
          ))}
        </select>
        {errorOf("path") ? <p className="field__error">{errorOf("path")}</p> : null}
        <p className="field__hint" id="parameter-current">
          {chosen ? `Now ${chosen.shown}; enter the new value as a whole number in ${chosen.unit} (now ${chosen.raw}).` : null}
        </p>
      </div>
      <div className="field">
        <label htmlFor="parameter-value">New value</label>
        <input id="parameter-value" name="value" type="text" className="mono" aria-describedby="parameter-current" aria-invalid={errorOf("value") ? true : undefined} />
        {errorOf("value") ? <p className="field__error">{errorOf("value")}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="parameter-reason">Reason (published in the change log and recorded in the audit log)</label>
        <input id="parameter-reason" name="reason" type="text" maxLength={500} aria-invalid={errorOf("reason") ? true : undefined} />
        {errorOf("reason") ? <p className="field__error">{errorOf("reason")}</p> : null}
      </div>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Submitting…" : "Change parameter"}
        </button>
      </p>
    </form>
  );
}
