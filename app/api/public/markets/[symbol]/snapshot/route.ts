import { NextResponse } from "next/server";
import { marketSpec, publicEngine } from "@/lib/services/public-market-data/common";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/snapshot — the REST form of the stream: the latest message of
// each kind and the recent trades, with the journal seq they describe.
export const GET = withPublicRoute<{ symbol: string }>("snapshot", async (_request, { symbol }) => {
  const engine = await publicEngine();
  marketSpec(engine, symbol);
  return NextResponse.json(engine.runtime.feed.snapshot(symbol));
});
