import "server-only";
import { DEFAULT_ENGINE_CONFIG, type EngineConfig, type EngineState, type MarketSpec } from "@/lib/engine/index";
import { ServiceError } from "@/lib/services/errors";
import { msg, type MessageRef } from "@/lib/i18n/message-ref";
import { currentEngineRuntime, type EngineRuntime } from "@/lib/simulation/runtime";

export { UNITS } from "./schemas";

/**
 * Shared pieces of the public market-data API. Public reads: no sign-in and no authorize; nothing
 * here may ever return an account id.
 */

/**
 * A refusal of the public market data. The JSON API answers with its English `message` (a machine
 * interface documented in English); the disclosure pages show `userMessage` in the reader's language.
 */
export class PublicApiError extends ServiceError {
  constructor(
    message: MessageRef,
    status: number,
    code: string,
    readonly details: Record<string, unknown> = {},
    /** Response headers the refusal needs, e.g. Retry-After on a 503. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message, status, code);
  }
}

export interface PublicEngine {
  runtime: EngineRuntime;
  /** The live engine state when this process hosts the engine; undefined for a remote web instance. */
  state: EngineState | undefined;
  config: EngineConfig;
  markets: string[];
}

/** A failed start is logged once, not on every request that finds the engine missing. */
let reportedStartFailure: unknown;

/** The engine this process serves from, or 503 with the reason. */
export async function publicEngine(): Promise<PublicEngine> {
  let reason = msg("errors.publicApi.engineNotRunning");
  const runtime = await currentEngineRuntime()?.catch((error: unknown) => {
    // The cause (often the driver's text, with host and port) is for the server log, not the public.
    if (error !== reportedStartFailure) console.error("the market engine failed to start:", error);
    reportedStartFailure = error;
    reason = msg("errors.publicApi.engineFailedToStart");
    return undefined;
  });
  if (!runtime) throw new PublicApiError(reason, 503, "ENGINE_UNAVAILABLE");
  const state = runtime.host?.state;
  return { runtime, state, config: state?.config ?? DEFAULT_ENGINE_CONFIG, markets: runtime.feed.markets() };
}

/** The market's spec, or 404 naming the markets there are. */
export function marketSpec(engine: PublicEngine, symbol: string): MarketSpec {
  const spec = engine.markets.includes(symbol) ? engine.config.markets.find((candidate) => candidate.symbol === symbol) : undefined;
  if (!spec)
    throw new PublicApiError(msg("errors.publicApi.unknownMarket", { symbol, markets: engine.markets.join(", ") }), 404, "UNKNOWN_MARKET", {
      markets: engine.markets,
    });
  return spec;
}

/** JSON-safe copy: bigint → decimal string. */
export function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}
