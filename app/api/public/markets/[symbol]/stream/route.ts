import { followMarket } from "@/lib/services/public-market-data/follow-market";
import { marketStreamResponse } from "@/lib/transport/market-stream";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/stream — public, free, real-time (DISC-2/3/4/5): every public
// message of one market as SSE, id = journal event seq; send Last-Event-ID to resume. Connection
// attempts are rate-limited like every public route (an open stream costs nothing further).
export const GET = withPublicRoute<{ symbol: string }>("stream", async (request, { symbol }, ctx) =>
  marketStreamResponse(request, symbol, await followMarket({ ctx, input: { symbol } })),
);
