"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { adlCalculation, calculatorMarket, type AdlPositionInput, type AdlResult, type CalculatorMarket, type Side } from "@/lib/education/calculators";
import { formatLots, formatPpbDecimal } from "@/lib/format";
import type { Wire } from "@/lib/wire/plain";
import { CalculatorForm, FigureField, MarketSelect, SideSelect, usd, useProblemText } from "./calculator-parts";

type Outcome = ReturnType<typeof adlCalculation>;
const EXAMPLES = 3;
const EMPTY: AdlPositionInput = { size: "", entryPrice: "", collateral: "" };

/** Where example positions stand in the ADL queue and what ADL would close, from the engine's rank key (adlCalculation). */
export function AdlCalculator({ markets }: { markets: Wire<CalculatorMarket>[] }) {
  const t = useTranslations("education.calculator");
  const problem = useProblemText();
  const parsed = useMemo(() => markets.map(calculatorMarket), [markets]);
  const [symbol, setSymbol] = useState(parsed[0].symbol);
  const [bankruptSide, setBankruptSide] = useState<Side>("long");
  const [sizeLeft, setSizeLeft] = useState("");
  const [markPrice, setMarkPrice] = useState("");
  const [positions, setPositions] = useState<AdlPositionInput[]>(Array.from({ length: EXAMPLES }, () => EMPTY));
  const [outcome, setOutcome] = useState<{ market: CalculatorMarket; value: Outcome } | null>(null);
  const market = parsed.find((m) => m.symbol === symbol) ?? parsed[0];
  const errors = outcome && !outcome.value.ok ? outcome.value.errors : {};
  const setField = (row: number, field: keyof AdlPositionInput, value: string) =>
    setPositions((current) => current.map((position, i) => (i === row ? { ...position, [field]: value } : position)));
  return (
    <CalculatorForm
      id="adl-calculator"
      onCalculate={() => setOutcome({ market, value: adlCalculation(market, { bankruptSide, sizeLeft, markPrice, positions }) })}
      result={outcome ? outcome.value.ok ? <Result market={outcome.market} result={outcome.value.result} /> : <Alert tone="error">{t("invalid")}</Alert> : null}
    >
      <MarketSelect id="adl-market" symbols={parsed.map((m) => m.symbol)} value={symbol} onChange={setSymbol} />
      <SideSelect id="adl-side" label={t("adl.bankruptSide")} value={bankruptSide} onChange={setBankruptSide} />
      <FigureField
        id="adl-size-left"
        label={t("adl.sizeLeft", { asset: market.baseAsset })}
        value={sizeLeft}
        onChange={setSizeLeft}
        errors={problem(errors.sizeLeft, market.lotSize)}
      />
      <FigureField id="adl-mark" label={t("adl.markPrice")} value={markPrice} onChange={setMarkPrice} errors={problem(errors.markPrice, "1000")} />
      <fieldset>
        <legend>{t("adl.positions")}</legend>
        {positions.map((position, row) => (
          <fieldset key={row}>
            <legend>{t("adl.position", { row: row + 1 })}</legend>
            <FigureField
              id={`adl-${row}-size`}
              label={t("adl.size", { asset: market.baseAsset })}
              value={position.size}
              onChange={(value) => setField(row, "size", value)}
              errors={problem(errors[`positions.${row}.size`], market.lotSize)}
            />
            <FigureField
              id={`adl-${row}-entry`}
              label={t("adl.entryPrice")}
              value={position.entryPrice}
              onChange={(value) => setField(row, "entryPrice", value)}
              errors={problem(errors[`positions.${row}.entryPrice`], "1000")}
            />
            <FigureField
              id={`adl-${row}-collateral`}
              label={t("adl.collateral")}
              value={position.collateral}
              onChange={(value) => setField(row, "collateral", value)}
              errors={problem(errors[`positions.${row}.collateral`], "2500.50")}
            />
          </fieldset>
        ))}
      </fieldset>
    </CalculatorForm>
  );
}

function Result({ market, result }: { market: CalculatorMarket; result: AdlResult }) {
  const t = useTranslations("education.calculator.adl");
  const rows = [...result.rows].sort((x, y) => (x.queuePosition ?? Infinity) - (y.queuePosition ?? Infinity));
  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="data-table">
          <caption>{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.row")}</th>
              <th scope="col">{t("columns.queue")}</th>
              <th scope="col">{t("columns.pnl")}</th>
              <th scope="col">{t("columns.equity")}</th>
              <th scope="col">{t("columns.rank")}</th>
              <th scope="col">{t("columns.taken", { asset: market.baseAsset })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.row}>
                <th scope="row">{t("position", { row: row.row })}</th>
                <td>{row.queuePosition ?? t("notInQueue")}</td>
                <td>{usd(row.unrealizedPnl)}</td>
                <td>{usd(row.equity)}</td>
                <td>{row.rankKey === null ? "—" : formatPpbDecimal(row.rankKey)}</td>
                <td>{formatLots(row.lotsTaken, market.lotSize)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="adl-unmatched">
        {result.lotsUnmatched === 0 ? t("allMatched") : t("unmatched", { size: formatLots(result.lotsUnmatched, market.lotSize), asset: market.baseAsset })}
      </p>
      <p className="field__hint">{t("assumption")}</p>
    </div>
  );
}
