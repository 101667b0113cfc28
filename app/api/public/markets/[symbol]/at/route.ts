import { NextResponse } from "next/server";
import { getMarketAt } from "@/lib/services/public-market-data/get-market-at";
import { withPublicRoute } from "@/lib/transport/public-route";
import { marketAtInput } from "@/lib/transport/public-query";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/at?seq= — the market's figures recomputed at a journal event (README "Public API").
export const GET = withPublicRoute<{ symbol: string }>("market-at", async (request, { symbol }, ctx) =>
  NextResponse.json(await getMarketAt({ ctx, input: marketAtInput(symbol, request.nextUrl.searchParams) })),
);
