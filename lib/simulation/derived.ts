import { adlRisk, bookDepth, marketView, type EngineState } from "../engine/index";
import { wire, type PublicMessage } from "./public-feed";

/**
 * Public figures that are states rather than events (top of book, open interest, predicted funding,
 * insurance-fund level, distance to ADL), taken from the engine after a committed batch. They carry
 * the batch's last event seq as their id, so a client knows which journal point they describe.
 */
export function bookMessage(engine: EngineState, market: string, id: number, levels = 10): PublicMessage | null {
  const depth = bookDepth(engine, market, levels);
  if (!depth) return null;
  return { id, market, kind: "book", atMs: engine.now, data: { bids: depth.bids, asks: depth.asks } };
}

export function statsMessage(engine: EngineState, market: string, id: number): PublicMessage | null {
  const view = marketView(engine, market);
  if (!view) return null;
  const risk = adlRisk(engine, market);
  const spec = engine.config.markets.find((candidate) => candidate.symbol === market);
  return {
    id,
    market,
    kind: "stats",
    atMs: engine.now,
    data: wire({ ...view, adl: risk ?? null, spec: spec ? { tickSize: spec.tickSize, lotSize: spec.lotSize, baseAsset: spec.baseAsset } : null }),
  };
}
