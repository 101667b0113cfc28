import { formatUtc } from "@/lib/format";
import { canonicalReportText, reportSha256 } from "@/lib/incidents/report/canonical";
import { draftClientStatements, draftIncidentReport } from "@/lib/incidents/report/load";
import { queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import type { Db } from "@/lib/services/context";

/**
 * The report drafts itself: once the projector has closed an incident (its market quiet), the report's
 * figures and each affected client's statement are computed from the journal alone and stored, and the
 * statements go to those clients' inboxes. Outside the projector's transaction (a report replays
 * engine state); a conditional update makes concurrent or repeated runs store and send it once.
 */
export async function draftClosedIncidents(db: Db, now: () => Date = () => new Date()): Promise<string[]> {
  const pending = await db.incident.findMany({
    where: { status: "draft", draftHash: null },
    orderBy: { openedSeq: "asc" },
    select: { id: true, market: true, openedAtMs: true },
  });
  const drafted: string[] = [];
  for (const incident of pending) {
    const report = await draftIncidentReport(db, incident.id);
    const statements = await draftClientStatements(db, incident.id);
    const links = await db.tradingAccount.findMany({
      where: { engineAccountId: { in: [...statements.keys()] } },
      select: { engineAccountId: true, userId: true },
    });
    const userOf = new Map(links.map((link) => [link.engineAccountId, link.userId]));
    const date = formatUtc(Number(incident.openedAtMs)).slice(0, 10);
    const notices: NoticeDraft[] = [];
    for (const [engineAccountId, statement] of statements) {
      const userId = userOf.get(engineAccountId);
      if (!userId) continue;
      notices.push({
        userId,
        kind: "statementReady",
        incidentId: incident.id,
        statement,
        dedupeKey: `statement:${incident.id}:${engineAccountId}`,
        params: { market: incident.market, date },
      });
    }
    const stored = await db.$transaction(
      async (tx) => {
        const text = canonicalReportText(report);
        const { count } = await tx.incident.updateMany({
          where: { id: incident.id, status: "draft", draftHash: null },
          data: { draft: JSON.parse(text) as object, draftHash: reportSha256(text) },
        });
        if (count === 1) await queueNotices(tx, notices, now());
        return count === 1;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    if (stored) drafted.push(incident.id);
  }
  return drafted;
}
