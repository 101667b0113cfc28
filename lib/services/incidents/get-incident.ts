import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import type { IncidentReport } from "@/lib/incidents/report/types";
import { sfcTaskSourceRef } from "@/lib/incidents/sfc-notification";
import { draftReport, loadIncident } from "@/lib/services/incidents/internal";
import { IncidentIdInput } from "@/lib/services/incidents/schemas";

export interface IncidentPerson {
  id: string;
  name: string;
  email: string;
}

export interface IncidentHistoryEntry {
  seq: string;
  at: Date;
  action: string;
  actorEmail: string | null;
  reason: string | null;
}

export interface IncidentDetail {
  id: string;
  market: string;
  status: string;
  steps: string[];
  startedAtMs: number;
  lastAtMs: number;
  closedAtMs: number | null;
  deadlineAt: Date;
  escalatedT6At: Date | null;
  escalatedT2At: Date | null;
  overdueAt: Date | null;
  report: IncidentReport | null;
  draftHash: string | null;
  narrative: { cause: string | null; impact: string | null; remediation: string | null };
  submittedBy: IncidentPerson | null;
  submittedAt: Date | null;
  approvedBy: IncidentPerson | null;
  approvedAt: Date | null;
  approvalStepUpAt: Date | null;
  publishedBy: IncidentPerson | null;
  publishedAt: Date | null;
  publishedHash: string | null;
  /** Clients sent the notice of publication. */
  clientsNotified: number;
  /** Clients today: whom publishing would notify. */
  clientCount: number;
  /** Who did what, from the audit log, oldest first. */
  history: IncidentHistoryEntry[];
  /** RPT-7: the task of sending the SFC the report under its cover, and the send once recorded; null for an incident opened before the task existed. */
  sfcNotification: SfcNotification | null;
}

export interface SfcNotification {
  taskId: string;
  dueAt: Date;
  sentAt: Date | null;
  sentBy: IncidentPerson | null;
  /** The SFC's acknowledgement or the filing reference the officer recorded. */
  evidence: string | null;
}

/**
 * One incident for the compliance workspace: its clock, draft, narrative, sign-offs and history
 * (DISC-7). A malformed id is the same not-found as an unknown one.
 */
export async function getIncident({ ctx, input }: { ctx: ServiceContext; input: IncidentIdInput }): Promise<IncidentDetail> {
  authorize(ctx, "incidents.read");
  const parsed = IncidentIdInput.safeParse(input);
  if (!parsed.success) throw new NotFound(msg("errors.incidents.noSuchIncident"));
  const { incidentId } = parsed.data;
  const incident = await loadIncident(ctx.db, incidentId);
  const sfcTask = await ctx.db.complianceTask.findUnique({ where: { sourceRef: sfcTaskSourceRef(incidentId) } });
  const peopleIds = [incident.submittedById, incident.approvedById, incident.publishedById, sfcTask?.doneById ?? null].filter(
    (id): id is string => id !== null,
  );
  const [people, history, clientsNotified, clientCount] = await Promise.all([
    ctx.db.user.findMany({ where: { id: { in: peopleIds } }, select: { id: true, name: true, email: true } }),
    ctx.db.auditLog.findMany({
      where: { entity: "Incident", entityId: incidentId },
      orderBy: { seq: "asc" },
      select: { seq: true, at: true, action: true, actorEmail: true, reason: true },
    }),
    ctx.db.clientNotice.count({ where: { incidentId, kind: "reportPublished" } }),
    ctx.db.userRole.count({ where: { role: "CLIENT" } }),
  ]);
  const person = (id: string | null) => people.find((p) => p.id === id) ?? null;
  return {
    id: incident.id,
    market: incident.market,
    status: incident.status,
    steps: Array.isArray(incident.steps) ? incident.steps.map(String) : [],
    startedAtMs: Number(incident.openedAtMs),
    lastAtMs: Number(incident.lastAtMs),
    closedAtMs: incident.closedAtMs === null ? null : Number(incident.closedAtMs),
    deadlineAt: incident.deadlineAt,
    escalatedT6At: incident.escalatedT6At,
    escalatedT2At: incident.escalatedT2At,
    overdueAt: incident.overdueAt,
    report: draftReport(incident),
    draftHash: incident.draftHash,
    narrative: { cause: incident.cause, impact: incident.impact, remediation: incident.remediation },
    submittedBy: person(incident.submittedById),
    submittedAt: incident.submittedAt,
    approvedBy: person(incident.approvedById),
    approvedAt: incident.approvedAt,
    approvalStepUpAt: incident.approvalStepUpAt,
    publishedBy: person(incident.publishedById),
    publishedAt: incident.publishedAt,
    publishedHash: incident.publishedHash,
    clientsNotified,
    clientCount,
    history: history.map((row) => ({ seq: row.seq.toString(), at: row.at, action: row.action, actorEmail: row.actorEmail, reason: row.reason })),
    sfcNotification: sfcTask
      ? { taskId: sfcTask.id, dueAt: sfcTask.dueAt, sentAt: sfcTask.doneAt, sentBy: person(sfcTask.doneById), evidence: sfcTask.evidence }
      : null,
  };
}
