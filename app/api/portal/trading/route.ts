import { NextResponse } from "next/server";
import { getTradingView } from "@/lib/services/trading/get-trading-view";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/portal/trading — the signed-in client's account, positions, collateral and open orders;
// 503 with the reason when this server does not host the engine.
export const GET = withRoute(async (_request, ctx) => {
  const view = await getTradingView({ ctx });
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});
