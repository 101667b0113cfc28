import { exportAfmmMiReport } from "@/lib/services/afmm/export-afmm-mi-report";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/afmm/mi/{id}/csv — a stored monthly AFMM MI report as CSV (every figure, hour by hour). Staff only.
export const GET = withRoute<{ id: string }>(async (_request, ctx, { id }) => {
  const file = await exportAfmmMiReport({ ctx, input: { id, format: "csv", locale: "en" } });
  return new Response(file.body as string, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
