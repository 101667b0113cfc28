import { hongKongDate } from "@/lib/reports/period";
import { downloadReportPack } from "@/lib/services/reports/report-packs";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/compliance/reports/packs/{id}/zip — a generated report pack; every download is audited.
export const GET = withRoute<{ id: string }>(async (_request, ctx, { id }) => {
  const pack = await downloadReportPack({ ctx, input: { id } });
  const name = `report-pack-${hongKongDate(pack.fromMs)}-to-${hongKongDate(pack.toMs - 1)}-${pack.manifestSha256.slice(0, 12)}.zip`;
  return new Response(pack.zip, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
