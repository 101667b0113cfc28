import { regulatorExport } from "@/lib/services/reports/regulator-export";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/compliance/regulator-export?from=YYYY-MM-DD&to=YYYY-MM-DD&account=&market= — orders, fills,
// positions and client records for the regulator as a ZIP of CSVs; every export is logged.
export const GET = withRoute(async (request, ctx) => {
  const query = request.nextUrl.searchParams;
  const file = await regulatorExport({
    ctx,
    input: { from: query.get("from") ?? "", to: query.get("to") ?? "", account: query.get("account") ?? undefined, market: query.get("market") ?? undefined },
  });
  return new Response(file.zip, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Manifest-Sha256": file.manifestSha256,
    },
  });
});
