import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict } from "@/lib/services/errors";
import { authorizeIncidentStep, draftReport, loadIncident, narrativeOf, statusMessage, workflowState } from "@/lib/services/incidents/internal";
import { parseInput } from "@/lib/services/parse-input";
import { IncidentIdInput } from "@/lib/services/incidents/schemas";

/** A compliance officer submits the draft, with its narrative, for a Responsible Officer's approval (DISC-7). */
export async function submitIncidentReport({ ctx, input }: { ctx: ServiceContext; input: IncidentIdInput }): Promise<{ status: "submitted" }> {
  const actor = authorizeIncidentStep(ctx, "incidents.write", msg("errors.incidents.submitNeedsComplianceOfficer"));
  const { incidentId } = parseInput(IncidentIdInput, input);
  return withTransaction(ctx, async (tx) => {
    const incident = await loadIncident(tx, incidentId);
    if (incident.status === "open") throw new Conflict(msg("errors.incidents.stillOpen"));
    if (incident.status !== "draft") throw new Conflict(msg("errors.incidents.submitNotDraft", { status: statusMessage(incident.status) }));
    if (!draftReport(incident)) throw new Conflict(msg("errors.incidents.draftMissing"));
    const narrative = narrativeOf(incident);
    if (!narrative) throw new Conflict(msg("errors.incidents.narrativeMissing"));
    const now = ctx.now();
    // Conditional on the narrative as checked: an edit that lands meanwhile refuses this submission whole.
    const changed = await tx.incident.updateMany({
      where: { id: incidentId, status: "draft", ...narrative },
      data: { status: "submitted", submittedById: actor.userId, submittedAt: now },
    });
    if (changed.count !== 1) throw new Conflict(msg("errors.incidents.changedMeanwhile"));
    await recordAudit(tx, ctx, {
      action: "incident.submit",
      entity: "Incident",
      entityId: incidentId,
      before: workflowState(incident),
      after: { status: "submitted", submittedById: actor.userId, submittedAt: now, draftHash: incident.draftHash, narrative },
    });
    return { status: "submitted" as const };
  });
}
