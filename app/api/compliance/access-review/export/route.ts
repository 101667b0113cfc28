import { withRoute } from "@/lib/transport/route-handler";
import { exportAccessReview } from "@/lib/services/access-review/export-access-review";

export const dynamic = "force-dynamic";

// GET /api/compliance/access-review/export?quarter=2026-Q4 — the quarterly access review (AFMM-7) as CSV.
export const GET = withRoute(async (request, ctx) => {
  const { csv, quarter } = await exportAccessReview({ ctx, input: { quarter: request.nextUrl.searchParams.get("quarter") ?? "" } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="access-review-${quarter}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
