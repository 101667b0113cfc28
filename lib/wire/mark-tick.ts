import type { MarkTick } from "../engine/index";

/**
 * A public "mark" message's data (bigints as decimal strings, see public-feed.ts wire) back into
 * the engine's MarkTick, so the browser and the audit tools can hand it to explainMark. Returns
 * null for records journaled before the tick carried all its inputs (funding rate, time to
 * funding, interval, basis average): those cannot be recomputed. Browser-safe: type import only.
 */
export function markTickFromWire(data: Record<string, unknown>): MarkTick | null {
  const inputs = data.inputs as Record<string, unknown> | undefined;
  if (!inputs || typeof data.price !== "number" || typeof inputs.index !== "number" || typeof inputs.p1 !== "number") return null;
  if (typeof inputs.fundingRate !== "string" || !/^-?\d+$/.test(inputs.fundingRate)) return null;
  if (typeof inputs.msToFunding !== "number" || typeof inputs.intervalMs !== "number" || !("basisAverage" in inputs)) return null;
  const basis = inputs.basisAverage as { sumHalfTicks?: unknown; count?: unknown } | null;
  if (basis !== null && (typeof basis?.sumHalfTicks !== "number" || typeof basis.count !== "number")) return null;
  const chosen = data.chosen;
  if (chosen !== "p1" && chosen !== "p2" && chosen !== "last") return null;
  return {
    price: data.price,
    chosen,
    fallback: data.fallback === true,
    inputs: {
      index: inputs.index,
      p1: inputs.p1,
      p2: numberOrNull(inputs.p2),
      last: numberOrNull(inputs.last),
      bestBid: numberOrNull(inputs.bestBid),
      bestAsk: numberOrNull(inputs.bestAsk),
      fundingRate: BigInt(inputs.fundingRate),
      msToFunding: inputs.msToFunding,
      intervalMs: inputs.intervalMs,
      basisAverage: basis === null ? null : { sumHalfTicks: basis.sumHalfTicks as number, count: basis.count as number },
    },
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}
