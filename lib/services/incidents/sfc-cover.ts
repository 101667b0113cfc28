import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import type { AppLocale } from "@/lib/i18n/routing";
import { publishedReportPaths, type PublishedIncidentReport } from "@/lib/incidents/published-report";
import { incidentsTranslator, presentedDocumentPdf } from "@/lib/incidents/report/pdf";
import { sfcCoverDocument } from "@/lib/incidents/report/presentation";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { IncidentIdInput } from "@/lib/services/incidents/schemas";

/**
 * RPT-7: the published post-event report under its SFC-facing cover, as the PDF an officer sends the
 * Commission. Only a published report has one (the SFC is sent what clients were sent). Each download
 * is audited, like every other document compliance takes out of the portal.
 */
export async function sfcCoverPdf({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { incidentId: string; locale: AppLocale; origin: string };
}): Promise<{ pdf: Buffer; name: string }> {
  authorize(ctx, "incidents.read");
  const parsed = IncidentIdInput.safeParse({ incidentId: input.incidentId });
  if (!parsed.success) throw new NotFound(msg("errors.incidents.noSuchIncident"));
  const { incidentId } = parsed.data;
  const incident = await ctx.db.incident.findUnique({
    where: { id: incidentId },
    select: { id: true, status: true, published: true, publishedHash: true, publishedAt: true, approvedAt: true, deadlineAt: true },
  });
  if (!incident) throw new NotFound(msg("errors.incidents.noSuchIncident"));
  if (incident.status !== "published" || !incident.published || !incident.publishedHash || !incident.publishedAt || !incident.approvedAt)
    throw new Conflict(msg("errors.registers.sfcReportNotPublished"));
  const document = JSON.parse(incident.published) as PublishedIncidentReport;
  const clientsNotified = await ctx.db.clientNotice.count({ where: { incidentId, kind: "reportPublished" } });
  const paths = publishedReportPaths(incidentId);
  const cover = sfcCoverDocument(
    document.report,
    document.narrative,
    {
      publishedAtMs: incident.publishedAt.getTime(),
      approvedAtMs: incident.approvedAt.getTime(),
      dueAtMs: incident.deadlineAt.getTime(),
      publicJsonAddress: `${input.origin}${paths.json}`,
      publicPdfAddress: `${input.origin}${paths.pdf}`,
      publishedSha256: incident.publishedHash,
      clientsNotified,
    },
    incidentsTranslator(input.locale),
  );
  const pdf = await presentedDocumentPdf(cover, input.locale, incident.publishedAt.getTime());
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "incident.sfc_cover_download", entity: "Incident", entityId: incidentId, after: { locale: input.locale } }),
  );
  return { pdf, name: `sfc-notification-${incidentId}-${input.locale}.pdf` };
}
