import { useTranslations } from "next-intl";
import { formatInteger, formatPpbPercent, formatUsdMicros } from "@/lib/format";
import { STRESS_SCENARIO_SETTINGS, type StressScenarioResultWire, type StressSuiteResultWire } from "@/lib/risk/stress-settings";

/**
 * One market's standard stress suite result (MRG-5): per scenario the mark/index divergence, the mark
 * move, liquidations, liquidated notional, insurance-fund draw, backstop take-over, ADL and held-index
 * ticks. Scenario text comes from the catalogue (by scenario id) with the suite's own settings and the
 * venues the run acted on; figures come from the result. Used by the methodology page (parameters in
 * force) and by the proposal review (proposed values). No hooks beyond translations: server or client.
 */
export function StressResultsTable({ result }: { result: StressSuiteResultWire }) {
  const t = useTranslations("stressSuite.table");
  const scenarioText = useTranslations("stressSuite.scenarios");
  const usd = (micros: string | bigint) => t("usd", { amount: formatUsdMicros(micros, 0) });
  const pct = (ppb: number) => formatPpbPercent(String(ppb), 2);
  const { manipulation, outage, depeg, flashCrash } = STRESS_SCENARIO_SETTINGS;
  const describe = (s: StressScenarioResultWire): string => {
    const venues = s.venues.join(", ");
    switch (s.id) {
      case "single_source_manipulation":
        return scenarioText("single_source_manipulation.description", {
          venues,
          abovePct: manipulation.factorPct - 100,
          minutes: manipulation.durationSec / 60,
        });
      case "venue_outage":
        return scenarioText("venue_outage.description", { venues, minutes: outage.durationSec / 60 });
      case "stablecoin_depeg":
        return scenarioText("stablecoin_depeg.description", {
          venues,
          stablecoinUsd: (depeg.stablecoinUsdPct / 100).toFixed(2),
          minutes: depeg.durationSec / 60,
          risePct: (10_000 / depeg.stablecoinUsdPct - 100).toFixed(2),
        });
      case "flash_crash":
        return scenarioText("flash_crash.description", {
          dropPct: flashCrash.dropPct,
          durationSec: flashCrash.durationSec,
          recoverMinutes: flashCrash.recoverSec / 60,
        });
    }
  };
  return (
    <div className="stress-results" data-testid={`stress-table-${result.market}`}>
      {/* Wide: it scrolls inside its box, so keyboard users can reach and scroll it too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t("caption", { market: result.market })}>
        <table className="data-table">
          <caption className="visually-hidden">{t("caption", { market: result.market })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.scenario")}</th>
              <th scope="col">{t("columns.divergence")}</th>
              <th scope="col">{t("columns.markMove")}</th>
              <th scope="col">{t("columns.liquidations")}</th>
              <th scope="col">{t("columns.liquidatedNotional")}</th>
              <th scope="col">{t("columns.fundDraw")}</th>
              <th scope="col">{t("columns.backstop")}</th>
              <th scope="col">{t("columns.adl")}</th>
              <th scope="col">{t("columns.held")}</th>
            </tr>
          </thead>
          <tbody>
            {result.scenarios.map((s) => (
              <tr key={s.id} data-testid={`stress-row-${s.id}`}>
                <th scope="row">{scenarioText(`${s.id}.title`)}</th>
                <td data-testid="stress-divergence">{pct(s.maxMarkIndexDivergencePpb)}</td>
                <td>{pct(s.maxMarkMovePpb)}</td>
                <td data-testid="stress-liquidations">{formatInteger(s.liquidations)}</td>
                <td>{usd(s.liquidatedNotional)}</td>
                <td data-testid="stress-fund-draw">{usd(s.insuranceFundDraw)}</td>
                <td>{usd(s.backstopUsed)}</td>
                <td>{formatInteger(s.adlEvents)}</td>
                <td>{formatInteger(s.indexHeldTicks)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts">
        {result.scenarios.map((s) => (
          <div key={s.id} data-testid={`stress-scenario-${s.id}`}>
            <dt>{scenarioText(`${s.id}.title`)}</dt>
            <dd>{describe(s)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t("notes")}</p>
    </div>
  );
}
