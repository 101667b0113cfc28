import { NextResponse } from "next/server";
import { getMarket } from "@/lib/services/public-market-data/get-market";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol} — the market's parameters with their inputs (README "Public API").
export const GET = withPublicRoute<{ symbol: string }>("market", async (_request, { symbol }, ctx) =>
  NextResponse.json(await getMarket({ ctx, input: { symbol } })),
);
