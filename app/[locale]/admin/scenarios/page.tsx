import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/transport/session";
import { formatUsdMicros, formatUtc } from "@/lib/format";
import { listScenarioRuns } from "@/lib/services/simulation/list-scenario-runs";
import { ScenarioForm } from "./scenario-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.scenarios");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

export default async function ScenariosPage() {
  const ctx = await requirePermission("simulation.scenarios.inject");
  const runs = await listScenarioRuns({ ctx });
  const t = await getTranslations("admin.scenarios");
  return (
    <div className="container section">
      <article className="stack">
        <div className="section-page">
          <h1>{t("title")}</h1>
          <p className="lead">{t("lead")}</p>
        </div>
        <ScenarioForm />
        <h2>{t("runs")}</h2>
        {runs.length === 0 ? <p>{t("noRuns")}</p> : null}
        {runs.map((run) => (
          <section key={run.id} className="card" aria-label={t("runLabel", { id: run.id })}>
            <h3>
              {run.kind} <span className="muted">· {run.id}</span>
            </h3>
            <p className="muted">
              {run.endedAtMs
                ? t("runEnded", { requestedBy: run.requestedBy ?? "—", startedAt: formatUtc(run.startedAtMs), endedAt: formatUtc(run.endedAtMs) })
                : t("runRunning", { requestedBy: run.requestedBy ?? "—", startedAt: formatUtc(run.startedAtMs) })}
            </p>
            <RunSummary outcome={run.outcome} />
            <details>
              <summary>{t("details")}</summary>
              <pre className="mono">{JSON.stringify({ input: run.input, outcome: run.outcome }, null, 2)}</pre>
            </details>
          </section>
        ))}
      </article>
    </div>
  );
}

async function RunSummary({ outcome }: { outcome: unknown }) {
  const t = await getTranslations("admin.scenarios.summary");
  const o = outcome as Summary | null;
  if (!o) return <p>{t("none")}</p>;
  const stages = Object.entries(o.liquidations.byStage).filter(([, tally]) => tally.entered > 0);
  return (
    <ul>
      <li>
        {t("liquidations", {
          started: String(o.liquidations.started),
          stages: stages.length ? stages.map(([stage, tally]) => `${stage} ${tally.entered}`).join(", ") : t("noStages"),
        })}
      </li>
      <li>{o.adlFired ? t("adlFired", { lots: String(o.adlLots) }) : t("adlNotFired")}</li>
      {o.markets.map((market) => (
        <li key={market.market}>
          {t("market", {
            market: market.market,
            drawdown: formatUsdMicros(market.insuranceFund.maxDrawdown),
            divergence: String(market.maxMarkIndexDivergenceBps),
          })}
        </li>
      ))}
    </ul>
  );
}

interface Summary {
  liquidations: { started: number; byStage: Record<string, { entered: number }> };
  adlFired: boolean;
  adlLots: number;
  markets: Array<{ market: string; insuranceFund: { maxDrawdown: string }; maxMarkIndexDivergenceBps: number }>;
}
