import { followMarkets } from "@/lib/services/public-market-data/follow-market";
import { marketsStreamResponse } from "@/lib/transport/market-stream";
import { withPublicRoute } from "@/lib/transport/public-route";
import { streamMarketsInput } from "@/lib/transport/public-query";

export const dynamic = "force-dynamic";

// GET /api/public/stream?markets=BTC-PERP,ETH-PERP — public, free, real-time (DISC-2/3/4/5): the
// listed markets' public messages on ONE SSE connection; each event id is a cursor of every market's
// last seq, sent back as Last-Event-ID (or ?lastEventId=) to resume. The portal's pages use it, one
// connection shared by all tabs of a browser.
export const GET = withPublicRoute("streams", async (request, _params: Record<string, never>, ctx) => {
  const { source, symbols } = await followMarkets({ ctx, input: streamMarketsInput(request.nextUrl.searchParams) });
  return marketsStreamResponse(request, symbols, source);
});
