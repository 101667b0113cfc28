"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { calculatorMarket, fundingCalculation, type CalculatorMarket, type FundingResult, type Side } from "@/lib/education/calculators";
import { formatDurationMs, formatInteger, formatPpbPercentExact } from "@/lib/format";
import type { Wire } from "@/lib/wire/plain";
import { CalculatorForm, FigureField, MarketSelect, SideSelect, usd, useProblemText } from "./calculator-parts";

type Outcome = ReturnType<typeof fundingCalculation>;

/** Funding over a holding period, from the engine's payment function (fundingCalculation). */
export function FundingCalculator({ markets }: { markets: Wire<CalculatorMarket>[] }) {
  const t = useTranslations("education.calculator");
  const problem = useProblemText();
  const parsed = useMemo(() => markets.map(calculatorMarket), [markets]);
  const [symbol, setSymbol] = useState(parsed[0].symbol);
  const [side, setSide] = useState<Side>("long");
  const [size, setSize] = useState("");
  const [markPrice, setMarkPrice] = useState("");
  const [ratePercent, setRatePercent] = useState("");
  const [intervals, setIntervals] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const market = parsed.find((m) => m.symbol === symbol) ?? parsed[0];
  const errors = outcome && !outcome.ok ? outcome.errors : {};
  return (
    <CalculatorForm
      id="funding-calculator"
      onCalculate={() => setOutcome(fundingCalculation(market, { side, size, markPrice, ratePercent, intervals }))}
      result={outcome ? outcome.ok ? <Result result={outcome.result} /> : <Alert tone="error">{t("invalid")}</Alert> : null}
    >
      <MarketSelect id="funding-market" symbols={parsed.map((m) => m.symbol)} value={symbol} onChange={setSymbol} />
      <SideSelect id="funding-side" value={side} onChange={setSide} />
      <FigureField
        id="funding-size"
        label={t("funding.size", { asset: market.baseAsset })}
        value={size}
        onChange={setSize}
        errors={problem(errors.size, market.lotSize)}
      />
      <FigureField id="funding-mark" label={t("funding.markPrice")} value={markPrice} onChange={setMarkPrice} errors={problem(errors.markPrice, "1000")} />
      <FigureField
        id="funding-rate"
        label={t("funding.ratePercent")}
        hint={t("funding.rateHint")}
        value={ratePercent}
        onChange={setRatePercent}
        errors={problem(errors.ratePercent, "0.01")}
      />
      <FigureField
        id="funding-intervals"
        label={t("funding.intervals")}
        hint={t("funding.intervalsHint", { interval: formatDurationMs(market.fundingIntervalMs) })}
        value={intervals}
        onChange={setIntervals}
        errors={problem(errors.intervals, "21")}
      />
    </CalculatorForm>
  );
}

function Result({ result }: { result: FundingResult }) {
  const t = useTranslations("education.calculator");
  const flow = (amount: bigint) =>
    amount === 0n ? t("funding.nothing") : amount > 0n ? t("funding.pays", { amount: usd(amount) }) : t("funding.receives", { amount: usd(-amount) });
  return (
    <div className="stack">
      <h3>{t("result")}</h3>
      <dl className="facts">
        <div>
          <dt>{t("funding.perInterval")}</dt>
          <dd data-testid="funding-per-interval">{flow(result.perInterval)}</dd>
        </div>
        <div>
          <dt>{t("funding.total")}</dt>
          <dd data-testid="funding-total">
            <strong>{flow(result.total)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t("funding.period")}</dt>
          <dd>{formatDurationMs(result.holdingMs)}</dd>
        </div>
      </dl>
      <p className="field__hint">
        {t("inputs")}:{" "}
        {t("funding.read", {
          notional: usd(result.signedNotional < 0n ? -result.signedNotional : result.signedNotional),
          rate: formatPpbPercentExact(result.rate),
          intervals: formatInteger(result.intervals),
        })}
      </p>
    </div>
  );
}
