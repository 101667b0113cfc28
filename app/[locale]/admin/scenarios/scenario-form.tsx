"use client";

import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { injectScenarioAction } from "./actions";

/** A starting point per scenario type; the administrator edits the JSON before injecting. */
const EXAMPLES: Record<string, object> = {
  "flash-crash": { type: "flash-crash", market: "BTC-PERP", dropPct: 30, durationSec: 60, recoverSec: 600 },
  "venue-depeg": { type: "venue-depeg", market: "BTC-PERP", venueId: "kraken", factor: 0.5, durationSec: 300 },
  "venues-stale": { type: "venues-stale", market: "ETH-PERP", venueIds: ["osl", "kraken"], durationSec: 300 },
  "afmm-pull": { type: "afmm-pull", durationSec: 120 },
  "funding-squeeze": { type: "funding-squeeze", market: "ETH-PERP", side: "buy", durationSec: 900 },
};

export function ScenarioForm() {
  const hydrated = useHydrated();
  const [type, setType] = useState("flash-crash");
  const [json, setJson] = useState(JSON.stringify(EXAMPLES["flash-crash"], null, 2));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    let scenario: unknown;
    try {
      scenario = JSON.parse(json);
    } catch (error) {
      return setMessage({ ok: false, text: `The scenario is not valid JSON: ${error instanceof Error ? error.message : String(error)}. Nothing was injected.` });
    }
    setMessage(null);
    setPending(true);
    const result = await injectScenarioAction({ scenario: scenario as Record<string, unknown>, reason });
    setPending(false);
    if (result.ok) return setMessage({ ok: true, text: `Injected ${result.data.type} (run ${result.data.id}). Its outcome appears below as it accrues.` });
    const details = Object.values(result.fieldErrors ?? {}).flat().join(" ");
    setMessage({ ok: false, text: details && result.code === "INVALID_INPUT" ? details : result.error });
  }

  return (
    <form className="form form--wide" onSubmit={onSubmit} noValidate aria-label="Inject a stress scenario">
      {message ? (
        <p className={`alert ${message.ok ? "alert--ok" : "alert--error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="scenario-type">Scenario</label>
        <select
          id="scenario-type"
          value={type}
          onChange={(event) => {
            setType(event.target.value);
            setJson(JSON.stringify(EXAMPLES[event.target.value], null, 2));
          }}
        >
          {Object.keys(EXAMPLES).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="scenario-json">Parameters (JSON)</label>
        <textarea id="scenario-json" rows={8} value={json} onChange={(event) => setJson(event.target.value)} spellCheck={false} className="mono" />
      </div>
      <div className="field">
        <label htmlFor="scenario-reason">Reason (recorded in the audit log)</label>
        <input id="scenario-reason" name="reason" type="text" maxLength={500} />
      </div>
      <p>
        <button type="submit" className="button" disabled={pending || !hydrated}>
          {pending ? "Injecting…" : "Inject scenario"}
        </button>
      </p>
    </form>
  );
}
