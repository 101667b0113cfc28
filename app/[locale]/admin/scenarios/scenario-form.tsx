"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { ScriptSubmitButton } from "@/components/ui/submit-button";
import { injectScenarioAction } from "./actions";
import { formText } from "@/lib/transport/posted-form";

/** A starting point per scenario type; the administrator edits the JSON before injecting. */
const EXAMPLES: Record<string, object> = {
  "flash-crash": { type: "flash-crash", market: "BTC-PERP", dropPct: 30, durationSec: 60, recoverSec: 600 },
  "venue-depeg": { type: "venue-depeg", market: "BTC-PERP", venueId: "kraken", factor: 0.5, durationSec: 300 },
  "venues-stale": { type: "venues-stale", market: "ETH-PERP", venueIds: ["osl", "kraken"], durationSec: 300 },
  "afmm-pull": { type: "afmm-pull", durationSec: 120 },
  "funding-squeeze": { type: "funding-squeeze", market: "ETH-PERP", side: "buy", durationSec: 900 },
  "gap-through-backstop": { type: "gap-through-backstop", market: "BTC-PERP", gapPct: 60, side: "down", durationSec: 60, recoverSec: 900 },
  "plant-front-run": {
    type: "plant-front-run",
    market: "BTC-PERP",
    side: "buy",
    afmmNotionalUsd: 50000,
    blockNotionalUsd: 500000,
    leadSec: 5,
    durationSec: 30,
  },
  "plant-wash": { type: "plant-wash", market: "ETH-PERP", notionalUsd: 20000, trades: 3, durationSec: 30 },
  "plant-spoof": { type: "plant-spoof", market: "BTC-PERP", side: "buy", spoofNotionalUsd: 1000000, tradeNotionalUsd: 50000, holdSec: 2, durationSec: 30 },
};

export function ScenarioForm() {
  const t = useTranslations("admin.scenarios.form");
  const [type, setType] = useState("flash-crash");
  const [json, setJson] = useState(JSON.stringify(EXAMPLES["flash-crash"], null, 2));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = formText(new FormData(event.currentTarget), "reason");
    let scenario: unknown;
    try {
      scenario = JSON.parse(json);
    } catch (error) {
      return setMessage({ ok: false, text: t("invalidJson", { problem: error instanceof Error ? error.message : String(error) }) });
    }
    setMessage(null);
    setPending(true);
    const result = await injectScenarioAction({ scenario: scenario as Record<string, unknown>, reason });
    setPending(false);
    if (result.ok) return setMessage({ ok: true, text: t("injected", { type: result.data.type, id: result.data.id }) });
    const details = Object.values(result.fieldErrors ?? {})
      .flat()
      .join(" ");
    setMessage({ ok: false, text: details && result.code === "INVALID_INPUT" ? details : result.error });
  }

  return (
    <form className="form form--wide" onSubmit={onSubmit} noValidate aria-label={t("label")}>
      {message ? <Alert tone={message.ok ? "ok" : "error"}>{message.text}</Alert> : null}
      <Field id="scenario-type" label={t("scenario")}>
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
      </Field>
      <Field id="scenario-json" label={t("parameters")}>
        <textarea id="scenario-json" rows={8} value={json} onChange={(event) => setJson(event.target.value)} spellCheck={false} className="mono" />
      </Field>
      <Field id="scenario-reason" label={t("reason")}>
        <input id="scenario-reason" name="reason" type="text" maxLength={500} />
      </Field>
      <ScriptSubmitButton pending={pending} label={t("submit")} pendingLabel={t("injecting")} />
    </form>
  );
}
