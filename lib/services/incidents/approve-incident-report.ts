import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { requireStepUp, STEP_UP_WINDOW_MS, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Forbidden, StepUpRequired } from "@/lib/services/errors";
import { authorizeIncidentStep, loadIncident, statusMessage, workflowState } from "@/lib/services/incidents/internal";
import { parseInput } from "@/lib/services/parse-input";
import { IncidentIdInput } from "@/lib/services/incidents/schemas";

/**
 * A Responsible Officer approves the submitted report (DISC-7: no report goes out without an
 * approval record). A sign-off, so it needs a step-up within the window, and the step-up's time is
 * recorded with the approval. Four eyes: whoever submitted the report (a user may hold both officer
 * roles) cannot also approve it.
 */
export async function approveIncidentReport({ ctx, input }: { ctx: ServiceContext; input: IncidentIdInput }): Promise<{ status: "approved" }> {
  const actor = authorizeIncidentStep(ctx, "incidents.approve", msg("errors.incidents.approveNeedsResponsibleOfficer"));
  try {
    requireStepUp(ctx);
  } catch (error) {
    if (error instanceof StepUpRequired) throw new StepUpRequired(msg("errors.incidents.approveNeedsStepUp", { minutes: STEP_UP_WINDOW_MS / 60_000 }));
    throw error;
  }
  const { incidentId } = parseInput(IncidentIdInput, input);
  return withTransaction(ctx, async (tx) => {
    const incident = await loadIncident(tx, incidentId);
    if (incident.status !== "submitted") throw new Conflict(msg("errors.incidents.approveNotSubmitted", { status: statusMessage(incident.status) }));
    if (incident.submittedById === actor.userId) throw new Forbidden(msg("errors.incidents.ownSubmission"));
    const now = ctx.now();
    const changed = await tx.incident.updateMany({
      where: { id: incidentId, status: "submitted", submittedById: incident.submittedById },
      data: { status: "approved", approvedById: actor.userId, approvedAt: now, approvalStepUpAt: actor.stepUpAt },
    });
    if (changed.count !== 1) throw new Conflict(msg("errors.incidents.changedMeanwhile"));
    await recordAudit(tx, ctx, {
      action: "incident.approve",
      entity: "Incident",
      entityId: incidentId,
      before: workflowState(incident),
      after: { status: "approved", approvedById: actor.userId, approvedAt: now, approvalStepUpAt: actor.stepUpAt, draftHash: incident.draftHash },
    });
    return { status: "approved" as const };
  });
}
