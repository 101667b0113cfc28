import "server-only";
import { afmmOrderEntry, type AfmmOrderEntrySet, type Command, type EngineState } from "@/lib/engine/index";
import type { SubmitResult } from "@/lib/simulation/host";
import { currentEngineRuntime } from "@/lib/simulation/runtime";

// AFMM-4, AFMM-9: the one place that talks to the engine about AFMM order entry: the view
// `afmmOrderEntry(state)` and the journaled command `SetAfmmOrderEntry { nowMs, suspended, reason }`
// (its event `AfmmOrderEntrySet { suspended, reason, cancelledOrders }`).

/** The engine's AFMM order-entry state (reason and sinceMs null: never set). */
export interface AfmmOrderEntryView {
  suspended: boolean;
  reason: string | null;
  sinceMs: number | null;
}

/** What the reconciliation wants the engine to hold. */
export interface AfmmOrderEntryDesired {
  suspended: boolean;
  /** Machine code: [a-z0-9_]{1,64}. */
  reason: string;
}

/** The engine as the AFMM reconciliation uses it: the live state, and operator commands. */
export interface AfmmVenue {
  state: EngineState;
  submit(command: Command): Promise<SubmitResult>;
}

export type ApplyOutcome = { accepted: true; cancelledOrders: number; position: number } | { accepted: false; code: string; message: string };

/** The engine's current AFMM order-entry state. */
export function readAfmmOrderEntry(venue: AfmmVenue): AfmmOrderEntryView {
  return afmmOrderEntry(venue.state);
}

/** Send SetAfmmOrderEntry (journaled like every command); the host sets nowMs. */
export async function applyAfmmOrderEntry(venue: AfmmVenue, desired: AfmmOrderEntryDesired): Promise<ApplyOutcome> {
  const result = await venue.submit({ type: "SetAfmmOrderEntry", nowMs: 0, suspended: desired.suspended, reason: desired.reason });
  if (!result.accepted) return result;
  const set = result.events.find((event): event is AfmmOrderEntrySet => event.type === "AfmmOrderEntrySet");
  return { accepted: true, cancelledOrders: set?.cancelledOrders ?? 0, position: result.position };
}

/** The engine hosted by this process, for operator commands; null when this process does not host it. */
export async function afmmVenue(): Promise<AfmmVenue | null> {
  const runtime = await currentEngineRuntime()?.catch(() => undefined);
  if (!runtime || runtime.mode === "remote" || !runtime.host) return null;
  // The state is read from the runtime's host when used, not kept: the venue may be used a while after
  // this call (syncAfmmOrderEntry waits its turn), and a failed journal write replaces the host.
  return {
    get state() {
      return runtime.host!.state;
    },
    submit: (command) => runtime.submit(command, "admin"),
  };
}
