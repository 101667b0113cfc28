import { getPublishedIncident } from "@/lib/services/incidents/get-published-incident";
import { incidentReportPdf } from "@/lib/incidents/report/pdf";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /disclosures/incidents/<id>/report.pdf[?locale=zh-HK] — the published report as a PDF, in English
// or Traditional Chinese, rendered from the published JSON. Public, no sign-in.
export const GET = withPublicRoute<{ id: string }>("incident-reports", async (request, { id }, ctx) => {
  const published = await getPublishedIncident({ ctx, input: { incidentId: id } });
  const locale = request.nextUrl.searchParams.get("locale") === "zh-HK" ? "zh-HK" : "en";
  const pdf = await incidentReportPdf(published.document.report, published.document.narrative, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="incident-report-${published.id}-${locale}.pdf"`,
      "Cache-Control": "public, max-age=3600",
    },
  });
});
