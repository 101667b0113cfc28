"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { calculatorMarket, liquidationCalculation, type CalculatorMarket, type LiquidationResult, type Side } from "@/lib/education/calculators";
import { formatInteger, formatLots, formatTicks } from "@/lib/format";
import type { Wire } from "@/lib/wire/plain";
import { CalculatorForm, FigureField, MarketSelect, SideSelect, usd, useProblemText } from "./calculator-parts";

type Outcome = ReturnType<typeof liquidationCalculation>;

/** Liquidation price of a position held alone, from the engine's own solver (liquidationCalculation). */
export function LiquidationCalculator({ markets }: { markets: Wire<CalculatorMarket>[] }) {
  const t = useTranslations("education.calculator");
  const problem = useProblemText();
  const parsed = useMemo(() => markets.map(calculatorMarket), [markets]);
  const [symbol, setSymbol] = useState(parsed[0].symbol);
  const [side, setSide] = useState<Side>("long");
  const [size, setSize] = useState("");
  const [entryPrice, setEntryPrice] = useState("");
  const [collateral, setCollateral] = useState("");
  const [outcome, setOutcome] = useState<{ market: CalculatorMarket; side: Side; value: Outcome } | null>(null);
  const market = parsed.find((m) => m.symbol === symbol) ?? parsed[0];
  const errors = outcome && !outcome.value.ok ? outcome.value.errors : {};
  return (
    <CalculatorForm
      id="liquidation-calculator"
      onCalculate={() => setOutcome({ market, side, value: liquidationCalculation(market, { side, size, entryPrice, collateral }) })}
      result={
        outcome ? (
          outcome.value.ok ? (
            <Result market={outcome.market} side={outcome.side} result={outcome.value.result} />
          ) : (
            <Alert tone="error">{t("invalid")}</Alert>
          )
        ) : null
      }
    >
      <MarketSelect id="liq-market" symbols={parsed.map((m) => m.symbol)} value={symbol} onChange={setSymbol} />
      <SideSelect id="liq-side" value={side} onChange={setSide} />
      <FigureField
        id="liq-size"
        label={t("liquidation.size", { asset: market.baseAsset })}
        value={size}
        onChange={setSize}
        errors={problem(errors.size, market.lotSize)}
      />
      <FigureField
        id="liq-entry"
        label={t("liquidation.entryPrice")}
        value={entryPrice}
        onChange={setEntryPrice}
        errors={problem(errors.entryPrice, `1000${market.tickSize.slice(1)}`)}
      />
      <FigureField
        id="liq-collateral"
        label={t("liquidation.collateral")}
        hint={t("liquidation.collateralHint")}
        value={collateral}
        onChange={setCollateral}
        errors={problem(errors.collateral, "2500.50")}
      />
    </CalculatorForm>
  );
}

function Result({ market, side, result }: { market: CalculatorMarket; side: Side; result: LiquidationResult }) {
  const t = useTranslations("education.calculator");
  const dollars = (micros: bigint) => t("usd", { amount: usd(micros) });
  return (
    <div className="stack">
      <h3>{t("result")}</h3>
      {result.meetsInitialMargin ? null : <Alert tone="warn">{t("liquidation.belowInitial")}</Alert>}
      <dl className="facts">
        <div>
          <dt>{t("liquidation.liquidationPrice")}</dt>
          <dd data-testid="liquidation-price">
            {result.liquidationTicks === null ? (
              t("liquidation.none")
            ) : (
              <>
                <strong>{t("usd", { amount: formatTicks(result.liquidationTicks, market.tickSize) })}</strong>
                <br />
                <span className="muted">{side === "long" ? t("liquidation.longTrigger") : t("liquidation.shortTrigger")}</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("liquidation.notional")}</dt>
          <dd>{dollars(result.notional)}</dd>
        </div>
        <div>
          <dt>{t("liquidation.tier")}</dt>
          <dd>{t("liquidation.tierValue", { tier: result.tier.tier, leverage: result.tier.maxLeverage })}</dd>
        </div>
        <div>
          <dt>{t("liquidation.initialMargin")}</dt>
          <dd>{dollars(result.initialMargin)}</dd>
        </div>
        <div>
          <dt>{t("liquidation.maintenanceMargin")}</dt>
          <dd>{dollars(result.maintenanceMargin)}</dd>
        </div>
      </dl>
      <p className="field__hint">
        {t("inputs")}:{" "}
        {t("liquidation.read", {
          lots: formatInteger(result.lots),
          lotSize: market.lotSize,
          asset: market.baseAsset,
          ticks: formatInteger(result.entryTicks),
          tickSize: market.tickSize,
          collateral: usd(result.collateral),
        })}{" "}
        ({formatLots(result.lots, market.lotSize)} {market.baseAsset})
      </p>
    </div>
  );
}
