import { listReportPacks } from "@/lib/services/reports/report-packs";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/compliance/reports/packs — the 50 newest report packs with their status and progress (staff who read the compliance pages).
export const GET = withRoute(async (_request, ctx) => {
  const packs = await listReportPacks({ ctx });
  return Response.json({ packs }, { headers: { "Cache-Control": "private, no-store" } });
});
