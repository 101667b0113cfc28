import { NextResponse } from "next/server";
import { getMarketMinutes } from "@/lib/services/public-market-data/get-market-minutes";
import { withPublicRoute } from "@/lib/transport/public-route";
import { marketMinutesInput } from "@/lib/transport/public-query";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/minutes?from=&to= — the market minute by minute (README "Public API").
export const GET = withPublicRoute<{ symbol: string }>("minutes", async (request, { symbol }, ctx) =>
  NextResponse.json(await getMarketMinutes({ ctx, input: marketMinutesInput(symbol, request.nextUrl.searchParams) })),
);
