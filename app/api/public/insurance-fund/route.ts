import { NextResponse } from "next/server";
import { getInsuranceFund } from "@/lib/services/public-market-data/get-insurance-fund";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/insurance-fund — per market: balance, floor, depleted flag and recent history (README "Public API").
export const GET = withPublicRoute("insurance-fund", async (_request, _params, ctx) => NextResponse.json(await getInsuranceFund({ ctx })));
