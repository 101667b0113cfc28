import "server-only";
import { MARKET_PARAMETER_DOCS } from "@/lib/engine/index";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { marketSpec, plain, publicEngine, UNITS } from "./common";
import { engineNowMs, marketFigures } from "./figures";
import { MarketInput } from "./schemas";

/**
 * GET /api/public/markets/{symbol} — the market's parameters with their inputs: the spec from the
 * engine configuration (derived margin-tier amounts included) and the latest index and mark ticks
 * as the engine computed them. Every number comes from the engine's config, state or feed.
 */
export async function getMarket({ ctx, input }: { ctx: ServiceContext; input: MarketInput }) {
  authorizePublic(ctx);
  const { symbol } = MarketInput.parse(input);
  const engine = await publicEngine();
  const spec = marketSpec(engine, symbol);
  const snapshot = engine.runtime.feed.snapshot(symbol);
  const indexMessage = snapshot?.latest.index;
  const markMessage = snapshot?.latest.mark;
  const indexTick = indexMessage?.data as { inputs?: Array<Record<string, unknown>> } | undefined;
  const sources = spec.index.sources.map((source) => {
    const input = indexTick?.inputs?.find((candidate) => candidate.sourceId === source.id);
    return {
      id: source.id,
      name: source.name,
      configuredWeight: source.weight,
      latest: input
        ? {
            price: input.price ?? null,
            usedPrice: input.usedPrice ?? null,
            ageMs: input.ageMs ?? null,
            weight: input.weight,
            status: input.status,
            reason: input.reason ?? null,
          }
        : null,
    };
  });
  return plain({
    units: UNITS,
    symbol,
    engineTimeMs: engineNowMs(engine, symbol),
    spec: {
      ...spec,
      marginTiers: spec.marginTiers.map((tier) => ({ ...tier })),
    },
    figures: marketFigures(engine, symbol),
    index: indexMessage ? { seq: indexMessage.id, ...indexMessage.data, sources } : { seq: null, atMs: null, sources },
    mark: markMessage ? { seq: markMessage.id, atMs: markMessage.atMs, ...markMessage.data } : null,
    parameterDocs: MARKET_PARAMETER_DOCS,
  });
}
