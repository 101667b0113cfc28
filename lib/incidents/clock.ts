import "server-only";
import { INCIDENT_POLICY } from "@/lib/incidents/policy";
import { queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type Db, type ServiceContext } from "@/lib/services/context";
import { incidentNoticeParams, officerIds } from "@/lib/services/incidents/internal";

const HOUR_MS = 3_600_000;

/** The two reminders before the deadline (INCIDENT_POLICY.escalateBeforeDueMs, largest first) and the column that records each. */
const [FIRST_REMINDER_MS, SECOND_REMINDER_MS] = INCIDENT_POLICY.escalateBeforeDueMs;
const REMINDERS = [
  { beforeMs: FIRST_REMINDER_MS, column: "escalatedT6At" },
  { beforeMs: SECOND_REMINDER_MS, column: "escalatedT2At" },
] as const;

type Stage = { kind: "escalation"; beforeMs: number; column: (typeof REMINDERS)[number]["column"] } | { kind: "overdue" };

export interface IncidentClockResult {
  escalations: number;
  overdue: number;
}

/**
 * The 24-hour reporting clock (DISC-7), run by a recurring job every ~30 s. For every incident whose
 * report is unpublished: at deadline − 6 h and − 2 h every compliance officer and Responsible Officer
 * is reminded once; at the deadline the incident is marked overdue (for good: publishing later does
 * not clear it) and they are told. Each step is a conditional update of the column that records it,
 * so of any number of runs at once exactly one sends it; notices are also keyed per recipient.
 *
 * Only the latest step due is sent: a clock that first sees an incident past T−2 h (the job was down)
 * sends the T−2 h reminder, not a stale T−6 h one as well, and past the deadline only the overdue notice.
 */
export async function runIncidentClock(db: Db, now: Date): Promise<IncidentClockResult> {
  const ctx: ServiceContext = { actor: null, db, now: () => now };
  const due = await db.incident.findMany({
    where: {
      publishedAt: null,
      deadlineAt: { lte: new Date(now.getTime() + FIRST_REMINDER_MS) },
      OR: [{ escalatedT6At: null }, { escalatedT2At: null }, { overdueAt: null }],
    },
    select: { id: true, deadlineAt: true, escalatedT6At: true, escalatedT2At: true, overdueAt: true },
    orderBy: { deadlineAt: "asc" },
  });
  const result: IncidentClockResult = { escalations: 0, overdue: 0 };
  const failures: unknown[] = [];
  for (const incident of due) {
    const stage = stageDue(incident, now);
    if (!stage) continue;
    // One incident's failure (say, its row held by a publication writing ten thousand notices) must
    // not hold up the others' reminders; it is retried on the next run.
    try {
      if (await runStage(ctx, incident.id, stage)) {
        if (stage.kind === "overdue") result.overdue += 1;
        else result.escalations += 1;
      }
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `incident clock: ${failures.length} of ${due.length} incidents failed; they are retried on the next run`);
  return result;
}

function stageDue(incident: { deadlineAt: Date; escalatedT6At: Date | null; escalatedT2At: Date | null; overdueAt: Date | null }, now: Date): Stage | null {
  const leftMs = incident.deadlineAt.getTime() - now.getTime();
  if (leftMs <= 0) return incident.overdueAt === null ? { kind: "overdue" } : null;
  const reminder = [...REMINDERS].reverse().find((r) => leftMs <= r.beforeMs);
  if (!reminder || incident[reminder.column] !== null) return null;
  return { kind: "escalation", ...reminder };
}

/** One step in its own transaction; false when another run took it first (or the report was published meanwhile). */
async function runStage(ctx: ServiceContext, incidentId: string, stage: Stage): Promise<boolean> {
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const column = stage.kind === "overdue" ? "overdueAt" : stage.column;
    const claimed = await tx.incident.updateMany({ where: { id: incidentId, publishedAt: null, [column]: null }, data: { [column]: now } });
    if (claimed.count !== 1) return false;
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
    const { incidentId: id, market, time, deadline } = incidentNoticeParams(incident);
    const officers = await officerIds(tx);
    const hours = stage.kind === "escalation" ? stage.beforeMs / HOUR_MS : null;
    const notified = await queueNotices(
      tx,
      officers.map(
        (userId): NoticeDraft =>
          hours === null
            ? { userId, kind: "overdue", params: { incidentId: id, market, time, deadline }, dedupeKey: `overdue:${id}:${userId}`, incidentId: id }
            : {
                userId,
                kind: "escalation",
                params: { incidentId: id, market, time, deadline, hours, status: incident.status },
                dedupeKey: `escalation:${id}:${hours}h:${userId}`,
                incidentId: id,
              },
      ),
      now,
    );
    await recordAudit(tx, ctx, {
      action: stage.kind === "overdue" ? "incident.overdue" : "incident.escalation",
      entity: "Incident",
      entityId: id,
      before: { status: incident.status, deadlineAt: incident.deadlineAt },
      after: { [column]: now, ...(hours === null ? {} : { hoursBeforeDeadline: hours }), officersNotified: notified },
    });
    return true;
  });
}
