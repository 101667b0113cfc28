import { hasLocale } from "next-intl";
import { routing } from "@/lib/i18n/routing";
import { exportAfmmMiReport } from "@/lib/services/afmm/export-afmm-mi-report";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/afmm/mi/{id}/pdf?locale=en|zh-HK — a stored monthly AFMM MI report as a PDF in English or
// Traditional Chinese. Staff only.
export const GET = withRoute<{ id: string }>(async (request, ctx, { id }) => {
  const requested = request.nextUrl.searchParams.get("locale");
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const file = await exportAfmmMiReport({ ctx, input: { id, format: "pdf", locale } });
  return new Response(new Blob([file.body], { type: file.contentType }), {
    headers: {
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
