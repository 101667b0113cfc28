import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import type { FeedSource } from "@/lib/simulation/feed-replay";
import { marketSpec, publicEngine } from "./common";
import { MarketInput, MarketsInput } from "./schemas";

/**
 * GET /api/public/markets/{symbol}/stream — the market's public feed to follow live and resume
 * (DISC-2/3/4/5): every public message of one market, each with its journal seq. The transport
 * carries it (as SSE); the feed carries nothing private.
 */
export async function followMarket({ ctx, input }: { ctx: ServiceContext; input: MarketInput }): Promise<FeedSource> {
  authorizePublic(ctx);
  const { symbol } = MarketInput.parse(input);
  const engine = await publicEngine();
  marketSpec(engine, symbol);
  return engine.runtime;
}

/**
 * GET /api/public/stream?markets= — several markets' feeds on one connection, so a browser needs one
 * connection for every market it shows (the browser allows only a few per host). Every market must
 * be listed by the platform.
 */
export async function followMarkets({ ctx, input }: { ctx: ServiceContext; input: MarketsInput }): Promise<{ source: FeedSource; symbols: string[] }> {
  authorizePublic(ctx);
  const { symbols } = MarketsInput.parse(input);
  const engine = await publicEngine();
  for (const symbol of symbols) marketSpec(engine, symbol);
  return { source: engine.runtime, symbols };
}
