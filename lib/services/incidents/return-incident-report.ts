import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict } from "@/lib/services/errors";
import { authorizeIncidentStep, loadIncident, statusMessage, workflowState } from "@/lib/services/incidents/internal";
import { parseInput } from "@/lib/services/parse-input";
import { ReturnReportInput } from "@/lib/services/incidents/schemas";

/**
 * A Responsible Officer sends a submitted report back to draft with the reason, so the compliance
 * officers can change the narrative; the reason stays in the audit log and the incident's history.
 */
export async function returnIncidentReport({ ctx, input }: { ctx: ServiceContext; input: ReturnReportInput }): Promise<{ status: "draft" }> {
  authorizeIncidentStep(ctx, "incidents.approve", msg("errors.incidents.returnNeedsResponsibleOfficer"));
  const { incidentId, reason } = parseInput(ReturnReportInput, input);
  return withTransaction(ctx, async (tx) => {
    const incident = await loadIncident(tx, incidentId);
    if (incident.status !== "submitted") throw new Conflict(msg("errors.incidents.returnNotSubmitted", { status: statusMessage(incident.status) }));
    const changed = await tx.incident.updateMany({
      where: { id: incidentId, status: "submitted", submittedById: incident.submittedById },
      data: { status: "draft", submittedById: null, submittedAt: null },
    });
    if (changed.count !== 1) throw new Conflict(msg("errors.incidents.changedMeanwhile"));
    await recordAudit(tx, ctx, {
      action: "incident.return",
      entity: "Incident",
      entityId: incidentId,
      before: workflowState(incident),
      after: { status: "draft" },
      reason,
    });
    return { status: "draft" as const };
  });
}
