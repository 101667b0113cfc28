import { NextResponse } from "next/server";
import { getMarketAdl } from "@/lib/services/public-market-data/get-market-adl";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/adl — distance to ADL, its curve and the risk level (README "Public API").
export const GET = withPublicRoute<{ symbol: string }>("adl", async (_request, { symbol }, ctx) =>
  NextResponse.json(await getMarketAdl({ ctx, input: { symbol } })),
);
