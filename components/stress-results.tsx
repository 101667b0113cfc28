import { useTranslations } from "next-intl";
import { formatUtc } from "@/lib/format";
import { STRESS_WARMUP_MS, type PublishedStress } from "@/lib/risk/stress-settings";
import { StressResultsTable } from "./stress-results-table";

/**
 * The methodology page's "Stress tests of the parameters in force" (MRG-5, DISC-1): per market the
 * latest standard stress suite results for exactly the parameters in force, their hash and when they
 * ran; a market without such results says so (never an earlier parameter set's figures).
 */
export function StressResults({ stress }: { stress: PublishedStress }) {
  const t = useTranslations("stressSuite.published");
  return (
    <section aria-labelledby="stress-tests" data-testid="stress-results">
      <h2 id="stress-tests">{t("heading")}</h2>
      <p>{t("lead", { warmupMinutes: STRESS_WARMUP_MS / 60_000 })}</p>
      <p className="muted">{t("repeat", { endpoint: "GET /api/public/stress" })}</p>
      {stress.markets.map((m) => (
        <section key={m.market} aria-labelledby={`stress-${m.market}`} data-testid={`stress-${m.market}`} data-status={m.status}>
          <h3 id={`stress-${m.market}`}>{t("marketHeading", { market: m.market })}</h3>
          <dl className="facts">
            <div>
              <dt>{t("parameterHash")}</dt>
              <dd>
                <code data-testid="stress-parameter-hash">{m.parameterHash}</code>
              </dd>
            </div>
            {m.status === "done" && m.result && m.ranAt && (
              <div>
                <dt>{t("ranAt")}</dt>
                <dd data-testid="stress-ran-at">
                  {t("ranAtTime", { time: formatUtc(Date.parse(m.ranAt)), version: m.result.suiteVersion, seed: m.result.seed })}
                </dd>
              </div>
            )}
          </dl>
          {m.status === "done" && m.result ? (
            <StressResultsTable result={m.result} />
          ) : (
            <p className="muted" data-testid="stress-pending">
              {m.status === "running" ? t("running") : m.status === "failed" ? t("failed") : t("notRun")}
            </p>
          )}
        </section>
      ))}
    </section>
  );
}
