import { hasLocale } from "next-intl";
import { clientStatementPdf } from "@/lib/incidents/report/pdf";
import { routing } from "@/lib/i18n/routing";
import { getNoticeStatement } from "@/lib/services/inbox/get-notice-statement";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/portal/inbox/{id}/statement?locale=en|zh-HK — the personal incident statement carried by
// one of the signed-in user's own notices, as a PDF download in the reader's language. Anyone else's
// notice, or one without a statement, is 404.
export const GET = withRoute<{ id: string }>(async (request, ctx, { id }) => {
  const statement = await getNoticeStatement({ ctx, input: { noticeId: id } });
  const requested = request.nextUrl.searchParams.get("locale");
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const pdf = await clientStatementPdf(statement, locale);
  const name = `statement-${statement.incidentId.replace(/[^A-Za-z0-9_-]/g, "_")}-${locale}.pdf`;
  return new Response(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), {
    headers: {
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
