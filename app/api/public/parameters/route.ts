import { NextResponse } from "next/server";
import { getParameters } from "@/lib/services/public-market-data/get-parameters";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /api/public/parameters?market=&scope= — parameter registry and change log (README "Public API").
export const GET = withPublicRoute("parameters", async (request) => NextResponse.json(await getParameters(request.nextUrl.searchParams)));
