import "server-only";
import { applyMarketParameterChanges, canonicalJson, flattenParameters, marketSpecInputOf, type MarketParametersUpdated } from "@/lib/engine/index";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { msg, type UserMessage } from "@/lib/i18n/message-ref";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { ChangeMarketParameterInput, parseParameterValue } from "./schemas";

/** Money and rates are bigints: the audit log stores values as text. */
const text = (value: unknown) => (typeof value === "bigint" ? value.toString() : typeof value === "string" ? value : canonicalJson(value));

/**
 * Change one market parameter (DISC-1): a Responsible Officer, after a step-up. The
 * change is checked with the engine's own rule against the configuration in force first (bad input
 * changes nothing), then audited, then submitted to the engine as UpdateMarketParameters; the
 * engine's MarketParametersUpdated event is the public change-log entry. The engine is never awaited
 * inside the audit transaction (its journal needs the database meanwhile; see inject-scenario.ts).
 */
export async function changeMarketParameter({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ChangeMarketParameterInput;
}): Promise<{ seq: number; effectiveFromMs: number }> {
  authorize(ctx, "parameters.change");
  const { market, path, value, reason } = ChangeMarketParameterInput.parse(input);
  requireStepUp(ctx);
  const engine = await publicEngine();
  const spec = (await configInForce(engine, ctx.db)).config.markets.find((candidate) => candidate.symbol === market);
  if (!spec) {
    const unknown = msg("errors.parameters.unknownMarket", { market });
    throw new Invalid(unknown, { market: [unknown] });
  }
  const leaves = new Map(flattenParameters(marketSpecInputOf(spec)));
  if (!leaves.has(path)) {
    // A group of values (an object) or a path the engine does not accept: say which, in its words.
    const group = [...leaves.keys()].some((leaf) => leaf.startsWith(`${path}.`) || leaf.startsWith(`${path}[`));
    const probe = applyMarketParameterChanges(spec, [{ path, value: null }]);
    const typed = parseParameterValue(value, {});
    // The engine's refusal is in its own words (English).
    const problem: UserMessage = group && !typed.ok ? typed.ref : probe.ok ? msg("errors.parameters.noSuchParameter", { market, path }) : probe.message;
    throw new Invalid(msg("errors.common.problem", { problem }), { path: [problem] });
  }
  const previous = leaves.get(path);
  const typed = parseParameterValue(value, previous);
  if (!typed.ok) throw new Invalid(typed.ref, { value: [typed.ref] });
  const dryRun = applyMarketParameterChanges(spec, [{ path, value: typed.value }]);
  if (!dryRun.ok) throw new Invalid(msg("errors.common.problem", { problem: dryRun.message }), { value: [dryRun.message] });

  const entityId = `${market}:${path}`;
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "parameters.change",
      entity: "MarketParameter",
      entityId,
      before: { value: text(previous) },
      after: { value: text(typed.value) },
      reason,
    }),
  );
  const result = await engine.runtime.submit({ type: "UpdateMarketParameters", nowMs: 0, market, changes: [{ path, value: typed.value }], reason }, "admin");
  if (!result.accepted) {
    // The request is on record above; so is its outcome.
    await withTransaction(ctx, (tx) =>
      recordAudit(tx, ctx, {
        action: "parameters.change",
        entity: "MarketParameter",
        entityId,
        after: { refused: result.code, message: result.message },
        reason,
      }),
    );
    throw new Invalid(msg("errors.parameters.engineRefused", { reason: result.message }));
  }
  const event = result.events.find((candidate): candidate is MarketParametersUpdated => candidate.type === "MarketParametersUpdated");
  return { seq: event?.seq ?? 0, effectiveFromMs: event?.effectiveFromMs ?? 0 };
}
