import "server-only";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { orderEntryReason, type AfmmGate } from "@/lib/services/afmm/gates";
import { afmmVenue, applyAfmmOrderEntry, readAfmmOrderEntry, type AfmmVenue } from "@/lib/services/afmm/engine-order-entry";
import { currentAfmmGates } from "@/lib/services/afmm/internal";

// AFMM-1, AFMM-4, AFMM-9: where the gates reach the venue. The engine suspends order entry by every
// afmm-kind account exactly when a gate is missing; suspending cancels their resting orders in the
// same journaled command. Model: lib/services/trading/sync-venue-access.ts.

export type AfmmOrderEntryOutcome =
  /** This process does not host the engine; the recurring job on the engine's process will do it. */
  | { status: "engine_unavailable" }
  | { status: "in_sync"; suspended: boolean; reason: string }
  | { status: "changed"; suspended: boolean; reason: string; missing: AfmmGate[]; cancelledOrders: number }
  /** The engine refused or the call failed (logged); the recurring job tries again. */
  | { status: "failed"; code?: string };

type SyncContext = Pick<ServiceContext, "db" | "now"> & { actor?: ServiceContext["actor"] };

/**
 * Reconcile the engine's AFMM order entry with the gates: send SetAfmmOrderEntry only when the engine's
 * state (suspended, reason) differs from the gates' answer, audited with the reason, the missing gates
 * and the number of orders it cancelled. Idempotent, and safe to call concurrently: calls run one after
 * another in this process (the one that hosts the engine), each re-reading the gates and the engine, so
 * parallel calls send the command once. Not authorized on its own: run by the governance verbs after
 * their transaction, by the recurring job, and at engine start.
 */
export async function syncAfmmOrderEntry(ctx: SyncContext, venue?: AfmmVenue): Promise<AfmmOrderEntryOutcome> {
  // The venue is found before this call takes its turn, never while holding it: while the engine is
  // starting, afmmVenue() waits for the start, and the start runs its own reconciliation
  // (syncAfmmOrderEntryAtStart) through this queue before it finishes. A run that waited for the engine
  // inside its turn would wait for ever, and so would the start, and with it every request to the portal
  // (Next answers none until instrumentation's register() has returned).
  const engine = venue ?? (await afmmVenue());
  if (!engine) return { status: "engine_unavailable" };
  return serialized(async () => {
    const gates = await currentAfmmGates(ctx);
    const desired = { suspended: !gates.enabled, reason: orderEntryReason(gates) };
    const current = readAfmmOrderEntry(engine);
    if (current.suspended === desired.suspended && current.reason === desired.reason) return { status: "in_sync", ...desired };
    const result = await applyAfmmOrderEntry(engine, desired);
    if (!result.accepted) {
      console.error(`[afmm-order-entry] the engine refused SetAfmmOrderEntry: ${result.code} ${result.message}`);
      return { status: "failed", code: result.code };
    }
    const audit = { db: ctx.db, now: ctx.now, actor: ctx.actor ?? null };
    await withTransaction(audit, (tx) =>
      recordAudit(tx, audit, {
        action: desired.suspended ? "afmm.order_entry_suspended" : "afmm.order_entry_resumed",
        entity: "AfmmOrderEntry",
        entityId: "afmm",
        before: current,
        after: { ...desired, missing: gates.missing, cancelledOrders: result.cancelledOrders, journalPosition: result.position },
        reason: desired.reason,
      }),
    );
    return { status: "changed", ...desired, missing: gates.missing, cancelledOrders: result.cancelledOrders };
  });
}

/**
 * {@link syncAfmmOrderEntry} right after a governance verb, outside its transaction. Never throws: the
 * verb's record stands whatever the engine does, and the recurring job retries.
 */
export async function reconcileAfmmOrderEntry(ctx: SyncContext): Promise<AfmmOrderEntryOutcome> {
  try {
    return await syncAfmmOrderEntry(ctx);
  } catch (error) {
    console.error(`[afmm-order-entry] ${error instanceof Error ? error.message : String(error)}`);
    return { status: "failed" };
  }
}

/** How often the recurring reconciliation runs: the longest AFMM orders may rest after a gate lapses with time. */
export const AFMM_ORDER_ENTRY_EVERY_MS = 5_000;

/** The recurring job's run (lib/jobs/registry.ts). */
export function runAfmmOrderEntryJob(ctx: Pick<ServiceContext, "db" | "now">): Promise<AfmmOrderEntryOutcome> {
  return reconcileAfmmOrderEntry({ ...ctx, actor: null });
}

/** Runs a reconciliation after the previous one has finished (per process: the engine's). */
function serialized<T>(run: () => Promise<T>): Promise<T> {
  const holder = globalThis as typeof globalThis & { perpsAfmmOrderEntryQueue?: Promise<unknown> };
  const previous = holder.perpsAfmmOrderEntryQueue ?? Promise.resolve();
  const next = previous.then(run, run);
  holder.perpsAfmmOrderEntryQueue = next.catch(() => undefined);
  return next;
}

/**
 * The reconciliation at engine start, on the opened host before its loop runs (startEngineRuntime's
 * beforeStart), so the AFMM's first simulated quote already meets the gates.
 */
export async function syncAfmmOrderEntryAtStart(venue: AfmmVenue): Promise<AfmmOrderEntryOutcome> {
  const { db } = await import("@/lib/db");
  return syncAfmmOrderEntry({ db: db(), now: () => new Date(), actor: null }, venue);
}
