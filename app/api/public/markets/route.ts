import { NextResponse } from "next/server";
import { listMarkets } from "@/lib/services/public-market-data/list-markets";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/markets — every market with its key figures (README "Public API").
export const GET = withPublicRoute("markets", async (_request, _params, ctx) => NextResponse.json(await listMarkets({ ctx })));
