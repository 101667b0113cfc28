"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { calculatorMarket, tierChangeCalculation, type CalculatorMarket, type TierChangeResult } from "@/lib/education/calculators";
import type { Wire } from "@/lib/wire/plain";
import { CalculatorForm, FigureField, MarketSelect, usd, useProblemText } from "./calculator-parts";

type Outcome = ReturnType<typeof tierChangeCalculation>;

/** The tier and margins of a position before and after its notional changes (the engine's tier functions). */
export function TierCalculator({ markets }: { markets: Wire<CalculatorMarket>[] }) {
  const t = useTranslations("education.calculator");
  const problem = useProblemText();
  const parsed = useMemo(() => markets.map(calculatorMarket), [markets]);
  const [symbol, setSymbol] = useState(parsed[0].symbol);
  const [notionalBefore, setBefore] = useState("");
  const [notionalAfter, setAfter] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const market = parsed.find((m) => m.symbol === symbol) ?? parsed[0];
  const errors = outcome && !outcome.ok ? outcome.errors : {};
  return (
    <CalculatorForm
      id="tier-calculator"
      onCalculate={() => setOutcome(tierChangeCalculation(market, { notionalBefore, notionalAfter }))}
      result={outcome ? outcome.ok ? <Result result={outcome.result} /> : <Alert tone="error">{t("invalid")}</Alert> : null}
    >
      <MarketSelect id="tier-market" symbols={parsed.map((m) => m.symbol)} value={symbol} onChange={setSymbol} />
      <FigureField
        id="tier-before"
        label={t("tiers.notionalBefore")}
        value={notionalBefore}
        onChange={setBefore}
        errors={problem(errors.notionalBefore, "40000")}
      />
      <FigureField id="tier-after" label={t("tiers.notionalAfter")} value={notionalAfter} onChange={setAfter} errors={problem(errors.notionalAfter, "60000")} />
    </CalculatorForm>
  );
}

function Result({ result }: { result: TierChangeResult }) {
  const t = useTranslations("education.calculator.tiers");
  const { before, after } = result;
  const change = (x: bigint, y: bigint) => (y - x > 0n ? `+${usd(y - x)}` : usd(y - x));
  return (
    <div className="stack">
      <p data-testid="tier-change">
        {before.tier.tier === after.tier.tier ? t("same", { tier: before.tier.tier }) : t("crossed", { before: before.tier.tier, after: after.tier.tier })}
      </p>
      <div className="table-wrap">
        <table className="data-table">
          <caption>{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.figure")}</th>
              <th scope="col">{t("columns.before")}</th>
              <th scope="col">{t("columns.after")}</th>
              <th scope="col">{t("columns.change")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("tier")}</th>
              <td>{before.tier.tier}</td>
              <td>{after.tier.tier}</td>
              <td>—</td>
            </tr>
            <tr>
              <th scope="row">{t("leverage")}</th>
              <td>{before.tier.maxLeverage}x</td>
              <td>{after.tier.maxLeverage}x</td>
              <td>—</td>
            </tr>
            <tr>
              <th scope="row">{t("initialMargin")}</th>
              <td>{usd(before.initialMargin)}</td>
              <td>{usd(after.initialMargin)}</td>
              <td>{change(before.initialMargin, after.initialMargin)}</td>
            </tr>
            <tr>
              <th scope="row">{t("maintenanceMargin")}</th>
              <td>{usd(before.maintenanceMargin)}</td>
              <td>{usd(after.maintenanceMargin)}</td>
              <td>{change(before.maintenanceMargin, after.maintenanceMargin)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
