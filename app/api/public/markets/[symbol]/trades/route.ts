import { NextResponse } from "next/server";
import { listTrades } from "@/lib/services/public-market-data/list-trades";
import { withPublicRoute } from "@/lib/transport/public-route";
import { tradesInput } from "@/lib/transport/public-query";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/trades?limit=&before= — recent trades, newest first (README "Public API").
export const GET = withPublicRoute<{ symbol: string }>("trades", async (request, { symbol }, ctx) =>
  NextResponse.json(await listTrades({ ctx, input: tradesInput(symbol, request.nextUrl.searchParams) })),
);
