import { withRoute } from "@/lib/transport/route-handler";
import { exportNoticeDeliveries } from "@/lib/services/notices/export-notice-deliveries";
import { deliveryFilterFromSearchParams } from "@/lib/transport/notice-deliveries-query";

export const dynamic = "force-dynamic";

// GET /api/compliance/notices/export?status=&channel=&incident=&client=&from=&to= — the notice delivery records (REC-6) as CSV.
export const GET = withRoute(async (request, ctx) => {
  const input = deliveryFilterFromSearchParams(Object.fromEntries(request.nextUrl.searchParams));
  const { csv } = await exportNoticeDeliveries({ ctx, input: { ...input, before: undefined } });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="notice-deliveries-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
