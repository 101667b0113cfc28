import "server-only";
import type { Command, EngineState } from "@/lib/engine/index";
import { env } from "@/lib/env";
import { ServiceError } from "@/lib/services/errors";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import type { DepositConfirmations } from "@/lib/simulation/client-deposits";
import type { SubmitResult } from "@/lib/simulation/host";
import { currentEngineRuntime } from "@/lib/simulation/runtime";

/** 503: this process cannot serve client accounts; the message says why. */
export class EngineUnavailable extends ServiceError {
  constructor(reason: MessageRef) {
    super(msg("errors.trading.engineUnavailable", { reason }), 503, "ENGINE_UNAVAILABLE");
  }
}

/** The engine as the trading verbs use it: the live state for reads, and the host for commands. */
export interface TradingVenue {
  /** The live engine state: read only, never apply() to it. */
  state: EngineState;
  submit(command: Command): Promise<SubmitResult>;
  /** An order id from the host, so the audit row can name the order before the engine sees it. */
  allocateOrderId(): number;
  deposits: DepositConfirmations | undefined;
}

/** A failed start is logged once, not on every request that finds the engine missing. */
let reportedStartFailure: unknown;

/**
 * The engine hosted by this process, or EngineUnavailable. Client accounts need the live state, so a
 * web instance that only follows a standalone engine (ENGINE_MODE=remote) cannot serve them.
 */
export async function tradingVenue(): Promise<TradingVenue> {
  let reason = msg(env().ENGINE_MODE === "off" ? "errors.trading.engineReason.off" : "errors.trading.engineReason.notStarted");
  const runtime = await currentEngineRuntime()?.catch((error: unknown) => {
    if (error !== reportedStartFailure) console.error("the engine failed to start:", error);
    reportedStartFailure = error;
    reason = msg("errors.trading.engineReason.failedToStart");
    return undefined;
  });
  if (!runtime) throw new EngineUnavailable(reason);
  const host = runtime.host;
  if (runtime.mode === "remote" || !host) {
    throw new EngineUnavailable(msg("errors.trading.engineReason.remote"));
  }
  return {
    state: host.state,
    submit: (command) => runtime.submit(command, "client"),
    allocateOrderId: () => host.allocateOrderId(),
    deposits: runtime.deposits,
  };
}
