import { NextResponse } from "next/server";
import { getMarketSnapshot } from "@/lib/services/public-market-data/get-market-snapshot";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/snapshot — the REST form of the stream: the latest message of
// each kind and the recent trades, with the journal seq they describe.
export const GET = withPublicRoute<{ symbol: string }>("snapshot", async (_request, { symbol }, ctx) =>
  NextResponse.json(await getMarketSnapshot({ ctx, input: { symbol } })),
);
