import { NextResponse } from "next/server";
import { getParameters } from "@/lib/services/public-market-data/get-parameters";
import { withPublicRoute } from "@/lib/transport/public-route";
import { parametersInput } from "@/lib/transport/public-query";

export const dynamic = "force-dynamic";

// GET /api/public/parameters?market=&scope= — parameter registry and change log (README "Public API").
export const GET = withPublicRoute("parameters", async (request, _params, ctx) =>
  NextResponse.json(await getParameters({ ctx, input: parametersInput(request.nextUrl.searchParams) })),
);
