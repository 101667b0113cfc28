import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { marketSpec, publicEngine } from "./common";
import { MarketInput } from "./schemas";

/**
 * GET /api/public/markets/{symbol}/snapshot — the REST form of the stream: the latest message of
 * each kind and the recent trades, with the journal seq they describe.
 */
export async function getMarketSnapshot({ ctx, input }: { ctx: ServiceContext; input: MarketInput }) {
  authorizePublic(ctx);
  const { symbol } = MarketInput.parse(input);
  const engine = await publicEngine();
  marketSpec(engine, symbol);
  return engine.runtime.feed.snapshot(symbol);
}
