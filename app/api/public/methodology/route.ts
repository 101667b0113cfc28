import { NextResponse } from "next/server";
import { getMethodology } from "@/lib/services/public-market-data/get-methodology";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/methodology — margin tiers, liquidation, default management, eligible collateral, config hash (README "Public API").
export const GET = withPublicRoute("methodology", async (_request, _params, ctx) => NextResponse.json(await getMethodology({ ctx })));
