import "server-only";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Invalid, Precondition } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { InjectScenarioInput } from "@/lib/services/simulation/schemas";
import { parseScenario } from "@/lib/simulation/market/scenarios";
import { currentEngineRuntime } from "@/lib/simulation/runtime";

const VENUES = new Map(DEFAULT_ENGINE_CONFIG.markets.map((market) => [market.symbol, market.index.sources.map((source) => source.id)] as const));

/**
 * Inject a stress scenario into the simulated market. The input is validated first
 * (bad input changes nothing), then the audit row is committed, and only then is the scenario
 * injected: a failed audit write means no injection. The engine is never awaited inside the
 * transaction, because the engine's own journal writes need the database meanwhile (on the embedded
 * PostgreSQL an open transaction holds the only session).
 */
export async function injectScenario({ ctx, input }: { ctx: ServiceContext; input: InjectScenarioInput }): Promise<{ id: string; type: string }> {
  authorize(ctx, "simulation.scenarios.inject");
  const { scenario, reason } = InjectScenarioInput.parse(input);
  const parsed = parseScenario(scenario, VENUES);
  // The scenario's problems are the simulation's own words (English, naming the scenario's fields).
  if (!parsed.ok) throw new Invalid(msg("errors.simulation.scenarioRefused", { problems: parsed.errors.join("; ") }), { scenario: parsed.errors });
  const runtime = await currentEngineRuntime()?.catch(() => undefined);
  if (!runtime) throw new Precondition(msg("errors.simulation.engineNotRunning"));
  await withTransaction(ctx, (tx) => recordAudit(tx, ctx, { action: "scenario.inject", entity: "ScenarioRun", after: parsed.value, reason }));
  const result = await runtime.injectScenario(parsed.value, ctx.actor?.email);
  if (!result.ok) throw new Invalid(msg("errors.simulation.scenarioRefused", { problems: result.errors.join("; ") }), { scenario: result.errors });
  const run = result.scenario as { id: string; type: string };
  return { id: run.id, type: run.type };
}
