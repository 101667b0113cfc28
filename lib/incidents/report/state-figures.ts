import { accountView, liveConfig, marketPositions as openPositions, marketView, type EngineState, type MarketSpec } from "@/lib/engine/index";
import type { PositionAt } from "./compute";

/**
 * What the report reads from the engine state at a journal position (through the engine's public
 * queries only): positions in a market, the fund balance, the specification in force.
 */

/** Portal clients' engine accounts start here; lower ids are the simulation's own (TradingAccount.engineAccountId). */
export const FIRST_CLIENT_ACCOUNT_ID = 1_000_000;

/** Every open position in the market (both sides), in account id order. */
export function marketPositions(state: EngineState, market: string): PositionAt[] {
  return openPositions(state, market) ?? [];
}

/** Portal clients holding a position in the market. */
export function clientsWithPositions(state: EngineState, market: string): number {
  return (openPositions(state, market) ?? []).filter((position) => position.accountId >= FIRST_CLIENT_ACCOUNT_ID).length;
}

export function fundBalance(state: EngineState, market: string): bigint {
  const view = marketView(state, market);
  if (!view) throw new Error(`the engine has no market ${market}`);
  return view.insuranceFund.balance;
}

export function specInForce(state: EngineState, market: string): MarketSpec {
  const spec = liveConfig(state).markets.find((entry) => entry.symbol === market);
  if (!spec) throw new Error(`the engine has no market ${market}`);
  return spec;
}

/** An account's position in the market (flat when it holds none) and its equity. */
export function accountFigures(state: EngineState, market: string, accountId: number): { position: { size: number; cost: bigint }; equity: bigint } {
  const view = accountView(state, accountId);
  const position = view?.positions.find((entry) => entry.market === market);
  return { position: { size: position?.size ?? 0, cost: position?.cost ?? 0n }, equity: view?.equity ?? 0n };
}
