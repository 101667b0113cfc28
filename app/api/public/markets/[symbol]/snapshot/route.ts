import { NextResponse } from "next/server";
import { currentEngineRuntime } from "@/lib/simulation/runtime";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/snapshot — the REST form of the stream: the latest message of
// each kind and the recent trades, with the journal seq they describe.
export const GET = withPublicRoute<{ symbol: string }>("snapshot", async (_request, { symbol }) => {
  const runtime = await currentEngineRuntime()?.catch(() => undefined);
  if (!runtime) return NextResponse.json({ error: "the market engine is not running in this process" }, { status: 503 });
  const snapshot = runtime.feed.snapshot(symbol);
  if (!snapshot) return NextResponse.json({ error: `unknown market ${symbol}; markets: ${runtime.feed.markets().join(", ")}`, markets: runtime.feed.markets() }, { status: 404 });
  return NextResponse.json(snapshot);
});
