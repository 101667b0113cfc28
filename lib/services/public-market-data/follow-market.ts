import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import type { FeedSource } from "@/lib/simulation/feed-replay";
import { marketSpec, publicEngine } from "./common";
import { MarketInput } from "./schemas";

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
