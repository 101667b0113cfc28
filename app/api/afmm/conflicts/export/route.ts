import { withRoute } from "@/lib/transport/route-handler";
import { exportConflicts } from "@/lib/services/conflicts/export-conflicts";

export const dynamic = "force-dynamic";

// GET /api/afmm/conflicts/export?status=&overdue= — the conflicts-of-interest register (AFMM-3) as CSV.
export const GET = withRoute(async (request, ctx) => {
  const params = request.nextUrl.searchParams;
  const { csv } = await exportConflicts({ ctx, input: { status: params.get("status") ?? "", overdue: params.get("overdue") ?? "" } });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="conflicts-register-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
