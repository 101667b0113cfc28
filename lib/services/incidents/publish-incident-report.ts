import "server-only";
import { formatUtc } from "@/lib/format";
import { msg } from "@/lib/i18n/message-ref";
import { queueNotices } from "@/lib/notices/queue";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type Actor, type Db, type ServiceContext, type Tx } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import {
  authorizeIncidentStep,
  clientIdPages,
  draftReport,
  incidentNoticeParams,
  narrativeOf,
  workflowState,
  type IncidentRow,
} from "@/lib/services/incidents/internal";
import { publishedText, type PublishedIncidentReport } from "@/lib/incidents/published-report";
import { parseInput } from "@/lib/services/parse-input";
import { IncidentIdInput } from "@/lib/services/incidents/schemas";

/** Clients notified per query and per insert batch: bounded statements however many clients there are. */
export const PUBLISH_NOTICE_PAGE = 2_000;

/**
 * The publication transaction writes a notice and its two delivery records per client: measured at
 * 2.6 s for 10,000 clients on a busy two-core machine with local PostgreSQL, growing with the number
 * of clients; the 15 s every other verb is allowed would put a ceiling on how many clients the
 * platform may have.
 */
const PUBLISH_TIMEOUT_MS = 2 * 60_000;

/**
 * Publications under way, per database client (one per server process). A second request for the
 * same incident from this process is refused at once: waiting, it would hold one of the pool's few
 * connections for as long as the first writes its notices, and starve every other request.
 */
const underWay = new WeakMap<Db, Set<string>>();

/**
 * Publish an approved report (DISC-7): the published text is the canonical JSON of the report, the
 * narrative, the approval (by role and time) and the publication time, with its SHA-256; and every
 * client, not only those affected, gets a `reportPublished` notice with its delivery records (REC-6),
 * all in one transaction. A report published after its deadline is marked overdue if the clock had
 * not done so yet.
 *
 * Exactly one of any number of simultaneous requests publishes, and a report is never published
 * twice: requests from one process are refused while one is under way; across processes, a
 * per-incident advisory lock refuses the others at once; and the change itself is a conditional
 * update from `approved`, which a request that comes after the winner's commit finds already made.
 */
export async function publishIncidentReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: IncidentIdInput;
}): Promise<{ publishedHash: string; clientsNotified: number }> {
  const actor = authorizeIncidentStep(ctx, "incidents.publish", msg("errors.incidents.publishNeedsOfficer"));
  const { incidentId } = parseInput(IncidentIdInput, input);
  const db = ctx.db;
  let here = underWay.get(db);
  if (!here) underWay.set(db, (here = new Set()));
  if (here.has(incidentId)) throw new Conflict(msg("errors.incidents.publishUnderWay"));
  here.add(incidentId);
  try {
    return await withTransaction(ctx, (tx) => publish(tx, ctx, actor, incidentId), { timeoutMs: PUBLISH_TIMEOUT_MS });
  } finally {
    here.delete(incidentId);
  }
}

async function publish(tx: Tx, ctx: ServiceContext, actor: Actor, incidentId: string): Promise<{ publishedHash: string; clientsNotified: number }> {
  const [{ got }] = await tx.$queryRawUnsafe<{ got: boolean }[]>(
    "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got",
    `incident-publish ${incidentId}`,
  );
  if (!got) {
    await loadPublishable(tx, incidentId);
    throw new Conflict(msg("errors.incidents.publishUnderWay"));
  }
  const incident = await loadPublishable(tx, incidentId);
  const report = draftReport(incident);
  const narrative = narrativeOf(incident);
  if (!report || !narrative) throw new Conflict(msg("errors.incidents.notApproved"));
  const now = ctx.now();
  const document: PublishedIncidentReport = {
    report,
    narrative,
    approval: { byRole: "RESPONSIBLE_OFFICER", at: incident.approvedAt!.toISOString() },
    publishedAt: now.toISOString(),
  };
  const { text, hash } = publishedText(document);
  const late = incident.overdueAt === null && now.getTime() >= incident.deadlineAt.getTime() ? { overdueAt: now } : {};
  const changed = await tx.incident.updateMany({
    where: { id: incidentId, status: "approved", approvedById: { not: null }, approvedAt: { not: null } },
    data: { status: "published", publishedById: actor.userId, publishedAt: now, published: text, publishedHash: hash, ...late },
  });
  if (changed.count !== 1) {
    // The record changed since it was read: the refusal says what it now shows.
    await loadPublishable(tx, incidentId);
    throw new Conflict(msg("errors.incidents.changedMeanwhile"));
  }

  const { market, date, time } = incidentNoticeParams(incident);
  let clientsNotified = 0;
  for await (const userIds of clientIdPages(tx, PUBLISH_NOTICE_PAGE)) {
    clientsNotified += await queueNotices(
      tx,
      userIds.map((userId) => ({
        userId,
        kind: "reportPublished" as const,
        params: { market, date, time },
        dedupeKey: `report:${incidentId}:${userId}`,
        incidentId,
      })),
      now,
    );
  }
  await recordAudit(tx, ctx, {
    action: "incident.publish",
    entity: "Incident",
    entityId: incidentId,
    before: workflowState(incident),
    after: { status: "published", publishedAt: now, publishedHash: hash, clientsNotified, ...late },
  });
  return { publishedHash: hash, clientsNotified };
}

/** The incident, if it may be published now; otherwise the refusal that says why not. */
async function loadPublishable(tx: Tx, incidentId: string): Promise<IncidentRow> {
  const incident = await tx.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw new NotFound(msg("errors.incidents.noSuchIncident"));
  if (incident.status === "published" || incident.publishedAt)
    throw new Conflict(msg("errors.incidents.alreadyPublished", { time: incident.publishedAt ? formatUtc(incident.publishedAt.getTime()) : "—" }));
  if (incident.status !== "approved" || !incident.approvedById || !incident.approvedAt) throw new Conflict(msg("errors.incidents.notApproved"));
  return incident;
}
