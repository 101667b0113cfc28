import { withRoute } from "@/lib/transport/route-handler";
import { exportAuditEntries } from "@/lib/services/audit-log/export-audit-entries";
import { filterFromSearchParams } from "@/lib/transport/audit-log-query";

export const dynamic = "force-dynamic";

// GET /api/compliance/audit-log/export?actor=&action=&entity=&from=&to= — the filtered audit log as CSV.
export const GET = withRoute(async (request, ctx) => {
  const input = filterFromSearchParams(Object.fromEntries(request.nextUrl.searchParams));
  const { csv } = await exportAuditEntries({ ctx, input: { ...input, before: undefined } });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
