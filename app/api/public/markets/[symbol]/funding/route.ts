import { NextResponse } from "next/server";
import { getFundingHistory } from "@/lib/services/public-market-data/get-funding-history";
import { withPublicRoute } from "@/lib/transport/public-route";
import { fundingHistoryInput } from "@/lib/transport/public-query";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/funding?from=&to=&afterSeq= — funding settlements (README "Public API").
export const GET = withPublicRoute<{ symbol: string }>("funding", async (request, { symbol }, ctx) =>
  NextResponse.json(await getFundingHistory({ ctx, input: fundingHistoryInput(symbol, request.nextUrl.searchParams) })),
);
