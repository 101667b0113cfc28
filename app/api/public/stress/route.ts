import { NextResponse } from "next/server";
import { getPublishedStress } from "@/lib/services/risk-governance/stress/get-published-stress";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/stress — the standard stress suite's results for the parameters in force, per market (README "Public API").
export const GET = withPublicRoute("stress", async (_request, _params, ctx) => NextResponse.json(await getPublishedStress({ ctx })));
