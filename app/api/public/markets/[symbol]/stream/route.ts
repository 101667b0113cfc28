import { NextResponse } from "next/server";
import { currentEngineRuntime } from "@/lib/simulation/runtime";
import { marketStreamResponse } from "@/lib/transport/market-stream";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/stream — public, free, real-time (DISC-2/3/4/5): every public
// message of one market as SSE, id = journal event seq; send Last-Event-ID to resume. Connection
// attempts are rate-limited like every public route (an open stream costs nothing further).
export const GET = withPublicRoute<{ symbol: string }>("stream", async (request, { symbol }) => {
  const runtime = await currentEngineRuntime()?.catch(() => undefined);
  if (!runtime) return NextResponse.json({ error: "the market engine is not running in this process" }, { status: 503 });
  if (!runtime.feed.has(symbol)) {
    return NextResponse.json({ error: `unknown market ${symbol}; markets: ${runtime.feed.markets().join(", ")}`, markets: runtime.feed.markets() }, { status: 404 });
  }
  return marketStreamResponse(request, symbol, runtime);
});
