import { hasLocale } from "next-intl";
import { routing } from "@/lib/i18n/routing";
import { getMonthlyStatement } from "@/lib/services/statements/get-monthly-statement";
import { monthlyStatementPdf } from "@/lib/statements/pdf";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/portal/inbox/{id}/monthly-statement?locale=en|zh-HK — the monthly statement a notice
// carries, as a PDF in the reader's language: the client's own, or any client's for compliance staff
// (the read is logged). Anyone else's notice, or one that is no statement, is 404.
export const GET = withRoute<{ id: string }>(async (request, ctx, { id }) => {
  const { statement } = await getMonthlyStatement({ ctx, input: { noticeId: id }, route: request.nextUrl.pathname });
  const requested = request.nextUrl.searchParams.get("locale");
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const pdf = await monthlyStatementPdf(statement, locale);
  const name = `statement-${statement.month}-${statement.engineAccountId}-${locale}.pdf`;
  return new Response(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), {
    headers: {
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
