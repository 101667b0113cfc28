import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict } from "@/lib/services/errors";
import { authorizeIncidentStep, loadIncident, narrativeOf, statusMessage } from "@/lib/services/incidents/internal";
import { parseInput } from "@/lib/services/parse-input";
import { SaveNarrativeInput } from "@/lib/services/incidents/schemas";

/**
 * A compliance officer writes the report's cause, impact and remediation (DISC-7). Only while the
 * report is a draft: once submitted, what the Responsible Officer approves is what gets published.
 */
export async function saveIncidentNarrative({ ctx, input }: { ctx: ServiceContext; input: SaveNarrativeInput }): Promise<{ status: "draft" }> {
  authorizeIncidentStep(ctx, "incidents.write", msg("errors.incidents.writeNeedsComplianceOfficer"));
  const { incidentId, cause, impact, remediation } = parseInput(SaveNarrativeInput, input);
  return withTransaction(ctx, async (tx) => {
    const incident = await loadIncident(tx, incidentId);
    if (incident.status === "open") throw new Conflict(msg("errors.incidents.stillOpen"));
    if (incident.status !== "draft") throw new Conflict(msg("errors.incidents.narrativeLocked", { status: statusMessage(incident.status) }));
    const changed = await tx.incident.updateMany({ where: { id: incidentId, status: "draft" }, data: { cause, impact, remediation } });
    if (changed.count !== 1) throw new Conflict(msg("errors.incidents.changedMeanwhile"));
    await recordAudit(tx, ctx, {
      action: "incident.narrative_save",
      entity: "Incident",
      entityId: incidentId,
      before: narrativeOf(incident) ?? { cause: incident.cause, impact: incident.impact, remediation: incident.remediation },
      after: { cause, impact, remediation },
    });
    return { status: "draft" as const };
  });
}
