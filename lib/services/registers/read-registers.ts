import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { incidentIdOfSourceRef, SFC_EVENT_TASK_KIND } from "@/lib/incidents/sfc-notification";
import { dueDate } from "./due-dates";

/**
 * RPT-2, RPT-4, RPT-5, RPT-6: what the registers page shows: the open tasks soonest due first, the
 * incident register with each material incident's notification clock, and the personnel register.
 * Staff are named; no client is.
 */

const REGISTER_ROWS = 100;

export async function readRegisters({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "compliance.view");
  const nowMs = ctx.now().getTime();
  const [tasks, incidents, changes] = await Promise.all([
    ctx.db.complianceTask.findMany({ where: { status: "open" }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: REGISTER_ROWS }),
    ctx.db.complianceIncident.findMany({ orderBy: [{ openedAt: "desc" }, { id: "desc" }], take: REGISTER_ROWS }),
    ctx.db.personnelChange.findMany({
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      take: REGISTER_ROWS,
      include: { task: { select: { id: true, dueAt: true, status: true, doneAt: true } } },
    }),
  ]);
  const staffIds = new Set<string>();
  for (const incident of incidents)
    for (const id of [incident.openedById, incident.assessedById, incident.draftedById, incident.approvedById, incident.notifiedById]) if (id) staffIds.add(id);
  for (const change of changes) staffIds.add(change.recordedById);
  const staff = await ctx.db.user.findMany({ where: { id: { in: [...staffIds] } }, select: { id: true, name: true } });
  const nameOf = (id: string | null) => (id ? (staff.find((user) => user.id === id)?.name ?? null) : null);

  return {
    nowMs,
    tasks: tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      title: task.title,
      /** RPT-7: the default-management incident whose SFC notification this is, for a link to it. */
      incidentId: task.kind === SFC_EVENT_TASK_KIND ? incidentIdOfSourceRef(task.sourceRef) : null,
      dueDate: dueDate(task.dueAt),
      dueAtMs: task.dueAt.getTime(),
      /** Negative when overdue. */
      leftMs: task.dueAt.getTime() - nowMs,
    })),
    incidents: incidents.map((incident) => ({
      id: incident.id,
      kind: incident.kind,
      title: incident.title,
      summary: incident.summary,
      status: incident.status,
      openedAtMs: incident.openedAt.getTime(),
      openedBy: nameOf(incident.openedById),
      materiality: incident.materiality,
      materialityReason: incident.materialityReason,
      assessedBy: nameOf(incident.assessedById),
      assessedAtMs: incident.assessedAt?.getTime() ?? null,
      notifyDueAtMs: incident.notifyDueAt?.getTime() ?? null,
      notifyLeftMs: incident.notifyDueAt && !incident.notifiedAt ? incident.notifyDueAt.getTime() - nowMs : null,
      draftText: incident.draftText,
      draftedById: incident.draftedById,
      draftedBy: nameOf(incident.draftedById),
      draftVersion: incident.draftedAt ? String(incident.draftedAt.getTime()) : null,
      approvedBy: nameOf(incident.approvedById),
      approvedAtMs: incident.approvedAt?.getTime() ?? null,
      notifiedAtMs: incident.notifiedAt?.getTime() ?? null,
      notifiedBy: nameOf(incident.notifiedById),
      sfcReference: incident.sfcReference,
      evidence: incident.evidence,
      escalatedAtMs: incident.escalatedAt?.getTime() ?? null,
    })),
    personnel: changes.map((change) => ({
      id: change.id,
      role: change.role,
      change: change.change,
      personName: change.personName,
      function: change.function,
      effectiveDate: change.effectiveDate.toISOString().slice(0, 10),
      recordedBy: nameOf(change.recordedById),
      recordedAtMs: change.recordedAt.getTime(),
      taskDueDate: dueDate(change.task.dueAt),
      taskStatus: change.task.status,
    })),
  };
}

export type Registers = Awaited<ReturnType<typeof readRegisters>>;
