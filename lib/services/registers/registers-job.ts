import "server-only";
import { env } from "@/lib/env";
import { isUniqueViolation } from "@/lib/reports/pack-job";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { SFC_EVENT_TASK_KIND, sfcTaskSourceRef } from "@/lib/incidents/sfc-notification";
import { upcomingFilingReminders } from "./due-dates";

/**
 * The registers job: escalates material incidents whose one-hour notification window passed without
 * a notification (once each), and sets the annual return (RPT-5) and audited accounts (RPT-4)
 * reminder tasks. Safe to run on several servers at once: the escalation is a conditional update and
 * a reminder's source reference is unique.
 */

export const REGISTERS_EVERY_MS = 30_000;

export async function runRegistersJob(
  { db, now }: { db: Db; now: () => Date },
  calendar: { licenceAnniversary: string; financialYearEnd: string } = {
    licenceAnniversary: env().LICENCE_ANNIVERSARY,
    financialYearEnd: env().FINANCIAL_YEAR_END,
  },
): Promise<{ escalated: number; remindersCreated: number; sfcTasksCreated: number }> {
  const ctx: ServiceContext = { actor: null, db, now };
  const escalated = await escalateOverdueIncidents(ctx);
  const remindersCreated = await createFilingReminders(ctx, calendar);
  const sfcTasksCreated = await createMissingSfcNotificationTasks(ctx);
  return { escalated, remindersCreated, sfcTasksCreated };
}

/**
 * RPT-7: the projector creates an incident's SFC notification task when it opens the incident; this
 * catches the incidents opened before that was so. The unique source reference makes a repeat, or a
 * parallel run, a no-op.
 */
export async function createMissingSfcNotificationTasks(ctx: ServiceContext): Promise<number> {
  return ctx.db.$executeRaw`
    INSERT INTO "ComplianceTask" ("id", "kind", "title", "dueAt", "sourceRef", "status", "createdAt")
    SELECT gen_random_uuid()::text, ${SFC_EVENT_TASK_KIND}, i."market", i."deadlineAt", ${sfcTaskSourceRef("")} || i."id", 'open', ${ctx.now()}
    FROM "Incident" i
    WHERE NOT EXISTS (SELECT 1 FROM "ComplianceTask" t WHERE t."sourceRef" = ${sfcTaskSourceRef("")} || i."id")
    ON CONFLICT ("sourceRef") DO NOTHING`;
}

/** RPT-2: a material incident not notified by its due time is flagged and audited, exactly once. */
export async function escalateOverdueIncidents(ctx: ServiceContext): Promise<number> {
  const at = ctx.now();
  const overdue = await ctx.db.complianceIncident.findMany({
    where: { materiality: "material", notifiedAt: null, escalatedAt: null, notifyDueAt: { lte: at } },
    select: { id: true, notifyDueAt: true },
    orderBy: { notifyDueAt: "asc" },
    take: 100,
  });
  let escalated = 0;
  for (const incident of overdue) {
    await withTransaction(ctx, async (tx) => {
      // Under a parallel run the second update waits for the first's row lock, then finds escalatedAt set.
      const { count } = await tx.complianceIncident.updateMany({
        where: { id: incident.id, materiality: "material", notifiedAt: null, escalatedAt: null, notifyDueAt: { lte: at } },
        data: { escalatedAt: at },
      });
      if (!count) return;
      escalated += 1;
      await recordAudit(tx, ctx, {
        action: "compliance_incident.escalate",
        entity: "ComplianceIncident",
        entityId: incident.id,
        after: { notifyDueAt: incident.notifyDueAt?.toISOString(), overdueMs: at.getTime() - (incident.notifyDueAt?.getTime() ?? at.getTime()) },
      });
    });
  }
  return escalated;
}

/** RPT-4, RPT-5: each reminder task once per anniversary (year end); the unique source reference makes a repeat a no-op. */
export async function createFilingReminders(ctx: ServiceContext, calendar: { licenceAnniversary: string; financialYearEnd: string }): Promise<number> {
  let created = 0;
  for (const reminder of upcomingFilingReminders(ctx.now(), calendar)) {
    const existing = await ctx.db.complianceTask.findUnique({ where: { sourceRef: reminder.sourceRef }, select: { id: true } });
    if (existing) continue;
    try {
      await withTransaction(ctx, async (tx) => {
        const task = await tx.complianceTask.create({
          data: { kind: reminder.kind, title: reminder.anchor, dueAt: reminder.dueAt, sourceRef: reminder.sourceRef, createdAt: ctx.now() },
          select: { id: true },
        });
        await recordAudit(tx, ctx, {
          action: "compliance_task.create",
          entity: "ComplianceTask",
          entityId: task.id,
          after: { kind: reminder.kind, anchor: reminder.anchor, dueDate: reminder.dueDate, sourceRef: reminder.sourceRef },
        });
      });
      created += 1;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return created;
}
