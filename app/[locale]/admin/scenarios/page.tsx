import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { formatUsdMicros } from "@/lib/format";
import { listScenarioRuns } from "@/lib/services/simulation/list-scenario-runs";
import { ScenarioForm } from "./scenario-form";

export const metadata: Metadata = { title: "Stress scenarios" };
export const dynamic = "force-dynamic";

export default async function ScenariosPage() {
  const ctx = await requirePermission("simulation.scenarios.inject");
  const runs = await listScenarioRuns({ ctx });
  return (
    <div className="container section">
      <article className="stack">
        <div className="section-page">
          <h1>Stress scenarios</h1>
          <p className="lead">
            Stress the mark price and the default waterfall against the simulated market: a flash crash, a venue printing a
            depegged price, stale venues, the affiliated market maker pulling its quotes, or a funding squeeze. A scenario
            changes only the simulated world; the engine receives ordinary commands, so the journal stays intact. Each run
            records liquidations by waterfall step, insurance-fund drawdown, whether ADL fired and the largest mark–index
            divergence.
          </p>
        </div>
        <ScenarioForm />
        <h2>Runs</h2>
        {runs.length === 0 ? <p>No scenario has been run on this database yet.</p> : null}
        {runs.map((run) => (
          <section key={run.id} className="card" aria-label={`Scenario run ${run.id}`}>
            <h3>
              {run.kind} <span className="muted">· {run.id}</span>
            </h3>
            <p className="muted">
              Requested by {run.requestedBy ?? "—"}; started {new Date(run.startedAtMs).toISOString().replace("T", " ").slice(0, 19)} UTC
              {run.endedAtMs ? `; ended ${new Date(run.endedAtMs).toISOString().replace("T", " ").slice(0, 19)} UTC` : "; still running or settling"}
            </p>
            <RunSummary outcome={run.outcome} />
            <details>
              <summary>Input and full outcome (JSON)</summary>
              <pre className="mono">{JSON.stringify({ input: run.input, outcome: run.outcome }, null, 2)}</pre>
            </details>
          </section>
        ))}
      </article>
    </div>
  );
}

function RunSummary({ outcome }: { outcome: unknown }) {
  const o = outcome as Summary | null;
  if (!o) return <p>No outcome recorded yet.</p>;
  const stages = Object.entries(o.liquidations.byStage).filter(([, tally]) => tally.entered > 0);
  return (
    <ul>
      <li>
        Liquidations started: {o.liquidations.started}; by waterfall step: {stages.length ? stages.map(([stage, tally]) => `${stage} ${tally.entered}`).join(", ") : "none"}
      </li>
      <li>ADL fired: {o.adlFired ? `yes (${o.adlLots} lots)` : "no"}</li>
      {o.markets.map((market) => (
        <li key={market.market}>
          {market.market}: insurance fund max drawdown {formatUsdMicros(market.insuranceFund.maxDrawdown)} USD; largest mark–index divergence {market.maxMarkIndexDivergenceBps} bps
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
