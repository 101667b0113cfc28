import { Prisma } from "@/prisma/generated/client";
import { QUIZ_PURPOSES } from "@/lib/services/suitability/schemas";
import { isCorporateCategory, RE_REVIEW_OUTCOMES } from "@/lib/suitability/corporate-pi";
import { dayNumber, hongKongDate, piStatusExpiresAt, subtractMonths } from "@/lib/suitability/dates";
import type { ReportBuildContext, ReportCell, ReportColumn, ReportDefinition, ReportResult, ReportTable } from "../types";

/**
 * RPT-3: suitability statistics for a period, from the onboarding and review records. Every figure
 * comes from rows that never change once written (submissions, officer decisions, quiz attempts, the
 * audit log, corporate assessments), and a row's client kind from submissions made before the period
 * ends, so recomputing a past period (report:verify) gives the same figures whatever the clients did
 * since. The OnboardingCase row is deliberately not read: it holds only the latest state (a renewal
 * overwrites expiresAt, a second withdrawal overwrites withdrawnAt).
 */

const BATCH = 1_000;
const PPM = 1_000_000n;
const DAY_MS = 86_400_000;

export const CLIENT_KINDS = ["individual", "corporate", "institutional", "unknown"] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** The investor category of an application as the client kind the report splits by. */
export function clientKind(category: string | null): ClientKind {
  if (category === "individual") return "individual";
  if (isCorporateCategory(category)) return "corporate";
  if (category === "institutional") return "institutional";
  return "unknown";
}

export const KIND_SOURCE =
  "clientKind from the submission's record.draft.category: individual; corporation, partnership, trust_corporation = corporate; institutional; unknown = none";

/** The category of the client's latest submission made before the period ends, for rows that carry no category of their own. */
const latestCategoryBefore = (userId: Prisma.Sql, to: Date) => Prisma.sql`LEFT JOIN LATERAL (
    SELECT s."record"->'draft'->>'category' AS category FROM "SuitabilitySubmission" s
    WHERE s."userId" = ${userId} AND s."submittedAt" < ${to}
    ORDER BY s."version" DESC LIMIT 1
  ) k ON TRUE`;

/** Integer counts per client kind, each kind a row in a fixed order, then their sum as "ALL". */
class ByKind {
  private readonly counts = new Map<ClientKind, number[]>();
  constructor(private readonly width: number) {
    for (const kind of CLIENT_KINDS) this.counts.set(kind, new Array<number>(width).fill(0));
  }
  add(kind: ClientKind, values: number[]): void {
    const row = this.counts.get(kind)!;
    values.forEach((value, i) => (row[i] += value));
  }
  rows(): Array<[string, ...number[]]> {
    const all = new Array<number>(this.width).fill(0);
    const rows: Array<[string, ...number[]]> = CLIENT_KINDS.map((kind) => {
      const values = this.counts.get(kind)!;
      values.forEach((value, i) => (all[i] += value));
      return [kind, ...values];
    });
    rows.push(["ALL", ...all]);
    return rows;
  }
}

const counts = (keys: string[]): ReportColumn[] => keys.map((key) => ({ key, unit: "count" }));

/** passes / attempts in parts per million, rounded down; 0 when nothing was attempted. */
function ppm(passes: number, attempts: number): number {
  return attempts === 0 ? 0 : Number((BigInt(passes) * PPM) / BigInt(attempts));
}

interface Period {
  from: Date;
  to: Date;
}

async function applications(context: ReportBuildContext, { from, to }: Period): Promise<ReportTable> {
  const rows = await context.db.$queryRaw<Array<{ category: string | null; submissions: number; first: number; passed: number }>>`
    SELECT s."record"->'draft'->>'category' AS category,
      COUNT(*)::int AS submissions,
      (COUNT(*) FILTER (WHERE s."version" = 1))::int AS first,
      (COUNT(*) FILTER (WHERE s."evaluatorPassed"))::int AS passed
    FROM "SuitabilitySubmission" s
    WHERE s."submittedAt" >= ${from} AND s."submittedAt" < ${to}
    GROUP BY 1`;
  const table = new ByKind(5);
  for (const row of rows)
    table.add(clientKind(row.category), [row.submissions, row.first, row.submissions - row.first, row.passed, row.submissions - row.passed]);
  return {
    id: "applications",
    columns: [{ key: "clientKind", unit: "text" }, ...counts(["submissions", "firstSubmissions", "resubmissions", "evaluatorPassed", "evaluatorFailed"])],
    rows: table.rows(),
    source:
      `SuitabilitySubmission where submittedAt in [from, to); ${KIND_SOURCE}. firstSubmissions: version 1 (a new application); ` +
      "resubmissions: version > 1 (after an officer asked for information, a rejection, or a renewal); evaluatorPassed: the PI test, the knowledge " +
      "criterion and the risk quiz all passed when submitted. OnboardingCase records no creation time, so cases started (drafts opened) are not counted: first submissions stand for new applications",
  };
}

const DECISION_COLUMNS = [
  "decisions",
  "approved",
  "approvedOverridingEvaluator",
  "overrideAwaitingSecondOfficer",
  "rejected",
  "rejectedEvaluatorPassed",
  "returned",
] as const;

async function decisions(context: ReportBuildContext, { from, to }: Period): Promise<ReportTable> {
  const rows = await context.db.$queryRaw<
    Array<{ category: string | null; decision: string; overridesEvaluator: boolean; evaluatorPassed: boolean; n: number }>
  >`
    SELECT s."record"->'draft'->>'category' AS category, r."decision"::text AS decision, r."overridesEvaluator" AS "overridesEvaluator",
      s."evaluatorPassed" AS "evaluatorPassed", COUNT(*)::int AS n
    FROM "SuitabilityReview" r JOIN "SuitabilitySubmission" s ON s."id" = r."submissionId"
    WHERE r."decidedAt" >= ${from} AND r."decidedAt" < ${to}
    GROUP BY 1, 2, 3, 4`;
  const table = new ByKind(DECISION_COLUMNS.length);
  for (const row of rows) {
    const tally: Partial<Record<(typeof DECISION_COLUMNS)[number], number>> = { decisions: row.n };
    switch (row.decision) {
      case "APPROVE":
        // An approval against the evaluator does not approve the case yet: it waits for a second officer.
        tally[row.overridesEvaluator ? "overrideAwaitingSecondOfficer" : "approved"] = row.n;
        break;
      case "CONFIRM_OVERRIDE":
        tally.approved = row.n;
        if (row.overridesEvaluator) tally.approvedOverridingEvaluator = row.n;
        break;
      case "REJECT":
        tally.rejected = row.n;
        if (row.evaluatorPassed) tally.rejectedEvaluatorPassed = row.n;
        break;
      case "REQUEST_INFO":
        tally.returned = row.n;
        break;
      default:
        throw new Error(`SuitabilityReview decision ${row.decision} is not known to the suitability report`);
    }
    table.add(
      clientKind(row.category),
      DECISION_COLUMNS.map((key) => tally[key] ?? 0),
    );
  }
  return {
    id: "decisions",
    columns: [{ key: "clientKind", unit: "text" }, ...counts([...DECISION_COLUMNS])],
    rows: table.rows(),
    source:
      `SuitabilityReview where decidedAt in [from, to), with its SuitabilitySubmission; ${KIND_SOURCE}. approved: APPROVE without overridesEvaluator, ` +
      "or CONFIRM_OVERRIDE (the case became APPROVED); approvedOverridingEvaluator: CONFIRM_OVERRIDE with overridesEvaluator (a second officer confirmed an " +
      "approval against the evaluator's knowledge result); overrideAwaitingSecondOfficer: APPROVE with overridesEvaluator (the case went to " +
      "PENDING_SECOND_APPROVAL); rejected: REJECT; rejectedEvaluatorPassed: REJECT of a submission whose evaluatorPassed is true (the schema flags " +
      "overrides only on approvals, overridesEvaluator; a rejection against a passing evaluator is derived from SuitabilitySubmission.evaluatorPassed); " +
      "returned: REQUEST_INFO (the client was asked for more information). decisions = approved + overrideAwaitingSecondOfficer + rejected + returned",
  };
}

async function quiz(context: ReportBuildContext, { from, to }: Period): Promise<ReportTable> {
  const rows = await context.db.$queryRaw<Array<{ purpose: string; category: string | null; started: number; attempts: number; passes: number }>>`
    SELECT q."purpose" AS purpose, k.category AS category,
      (COUNT(*) FILTER (WHERE q."startedAt" >= ${from} AND q."startedAt" < ${to}))::int AS started,
      (COUNT(*) FILTER (WHERE q."submittedAt" >= ${from} AND q."submittedAt" < ${to}))::int AS attempts,
      (COUNT(*) FILTER (WHERE q."submittedAt" >= ${from} AND q."submittedAt" < ${to} AND q."passed"))::int AS passes
    FROM "QuizAttempt" q
    ${latestCategoryBefore(Prisma.sql`q."userId"`, to)}
    WHERE (q."startedAt" >= ${from} AND q."startedAt" < ${to}) OR (q."submittedAt" >= ${from} AND q."submittedAt" < ${to})
    GROUP BY 1, 2`;
  const purposes = [...new Set<string>([...QUIZ_PURPOSES, ...rows.map((row) => row.purpose).sort()])];
  const tables = new Map(purposes.map((purpose) => [purpose, new ByKind(3)]));
  for (const row of rows) tables.get(row.purpose)!.add(clientKind(row.category), [row.started, row.attempts, row.passes]);
  const out: ReportCell[][] = [];
  for (const purpose of purposes)
    for (const [kind, started, attempts, passes] of tables.get(purpose)!.rows()) out.push([purpose, kind, started, attempts, passes, ppm(passes, attempts)]);
  return {
    id: "quiz",
    columns: [
      { key: "purpose", unit: "text" },
      { key: "clientKind", unit: "text" },
      ...counts(["attemptsStarted", "attempts", "passes"]),
      { key: "passRatePpm", unit: "ppm" },
    ],
    rows: out,
    source:
      "QuizAttempt per purpose (risk_quiz: the Code 5.3 risk quiz; course_quiz: the perps course's end quiz). attemptsStarted: startedAt in [from, to) " +
      "(drawn, answered or not: abandoned attempts count towards the retake limit); attempts: submittedAt in [from, to) (graded); passes: of those, " +
      "passed; passRatePpm = passes × 1,000,000 / attempts rounded down, 0 when none. An attempt records no category: clientKind is that of the " +
      "client's latest SuitabilitySubmission with submittedAt before `to` (record.draft.category, as above), unknown when the client had submitted none",
  };
}

interface StatusGrant {
  id: string;
  userId: string;
  decidedAt: Date;
  assessmentDate: string;
  category: string | null;
}

const shiftDays = (date: string, days: number) => new Date((dayNumber(date)! + days) * DAY_MS).toISOString().slice(0, 10);

/**
 * PI-8: statuses that ran out in the period. A status is granted by an approval and ends at
 * piStatusExpiresAt(assessmentDate); it expired (rather than being replaced or ended) when the client
 * still held it then: no later approval (a renewal), rejection of a later submission (decide-review
 * ends running access then), withdrawal or revocation came between the grant and the end.
 */
async function expiries(context: ReportBuildContext, { from, to }: Period, table: ByKind): Promise<void> {
  // Ends are the start of a Hong Kong day 12 months after the assessment date (the month-end clamp moves
  // a date by at most 3 days): a few days' margin either side, then the exact test below.
  const lo = shiftDays(subtractMonths(hongKongDate(from), 12), -4);
  const hi = shiftDays(subtractMonths(hongKongDate(to), 12), 4);
  let cursor = "";
  for (;;) {
    context.signal.throwIfAborted();
    const batch = await context.db.$queryRaw<StatusGrant[]>`
      SELECT r."id" AS id, s."userId" AS "userId", r."decidedAt" AS "decidedAt", s."assessmentDate" AS "assessmentDate",
        s."record"->'draft'->>'category' AS category
      FROM "SuitabilityReview" r JOIN "SuitabilitySubmission" s ON s."id" = r."submissionId"
      WHERE (r."decision" = 'CONFIRM_OVERRIDE' OR (r."decision" = 'APPROVE' AND NOT r."overridesEvaluator"))
        AND s."assessmentDate" >= ${lo} AND s."assessmentDate" <= ${hi} AND r."id" > ${cursor}
      ORDER BY r."id" LIMIT ${BATCH}`;
    const ending = batch
      .map((grant) => ({ ...grant, endsAt: piStatusExpiresAt(grant.assessmentDate) }))
      .filter((grant) => grant.endsAt >= from && grant.endsAt < to);
    if (ending.length > 0) {
      const users = [...new Set(ending.map((grant) => grant.userId))];
      const earliest = new Date(Math.min(...ending.map((grant) => grant.decidedAt.getTime())));
      const latest = new Date(Math.max(...ending.map((grant) => grant.endsAt.getTime())));
      const cuts = await context.db.$queryRaw<Array<{ userId: string; at: Date }>>`
        SELECT s."userId" AS "userId", r."decidedAt" AS at
        FROM "SuitabilityReview" r JOIN "SuitabilitySubmission" s ON s."id" = r."submissionId"
        WHERE s."userId" IN (${Prisma.join(users)}) AND r."decidedAt" > ${earliest} AND r."decidedAt" < ${latest}
          AND (r."decision" IN ('REJECT', 'CONFIRM_OVERRIDE') OR (r."decision" = 'APPROVE' AND NOT r."overridesEvaluator"))
        UNION ALL
        SELECT a."entityId" AS "userId", a."at" AS at FROM "AuditLog" a
        WHERE a."action" IN ('onboarding.pi_withdrawn', 'onboarding.pi_revoked') AND a."entity" = 'OnboardingCase'
          AND a."entityId" IN (${Prisma.join(users)}) AND a."at" > ${earliest} AND a."at" < ${latest}`;
      for (const grant of ending) {
        const cut = cuts.some((c) => c.userId === grant.userId && c.at > grant.decidedAt && c.at < grant.endsAt);
        if (!cut) table.add(clientKind(grant.category), [1, 0, 0]);
      }
    }
    if (batch.length < BATCH) return;
    cursor = batch[batch.length - 1].id;
  }
}

async function expiriesAndWithdrawals(context: ReportBuildContext, period: Period): Promise<ReportTable> {
  const { from, to } = period;
  const table = new ByKind(3);
  await expiries(context, period, table);
  context.signal.throwIfAborted();
  const rows = await context.db.$queryRaw<Array<{ action: string; category: string | null; n: number }>>`
    SELECT a."action" AS action, k.category AS category, COUNT(*)::int AS n
    FROM "AuditLog" a
    ${latestCategoryBefore(Prisma.sql`a."entityId"`, to)}
    WHERE a."action" IN ('onboarding.pi_withdrawn', 'onboarding.pi_revoked') AND a."entity" = 'OnboardingCase' AND a."at" >= ${from} AND a."at" < ${to}
    GROUP BY 1, 2`;
  for (const row of rows) table.add(clientKind(row.category), row.action === "onboarding.pi_withdrawn" ? [0, row.n, 0] : [0, 0, row.n]);
  return {
    id: "expiries-withdrawals",
    columns: [{ key: "clientKind", unit: "text" }, ...counts(["expiries", "withdrawals", "revocations"])],
    rows: table.rows(),
    source:
      "expiries: professional-investor statuses granted by an approval (SuitabilityReview APPROVE without overridesEvaluator, or CONFIRM_OVERRIDE) whose " +
      "end, piStatusExpiresAt(SuitabilitySubmission.assessmentDate) (00:00 Hong Kong time 12 months after the assessment date), is in [from, to) and " +
      "which the client still held then: no later approval (a renewal) or REJECT of the client's submissions, and no AuditLog onboarding.pi_withdrawn or " +
      "onboarding.pi_revoked for the client, between the approval and the end; clientKind from the approved submission. withdrawals: AuditLog where " +
      "action = onboarding.pi_withdrawn (the client withdrew consent to PI treatment, PI-7) and at in [from, to); revocations: AuditLog where action = " +
      "onboarding.pi_revoked (an officer revoked the status) and at in [from, to); for both, clientKind from the client's (entityId) latest " +
      "SuitabilitySubmission with submittedAt before `to`. The audit log, not OnboardingCase.withdrawnAt / revokedAt / expiresAt, because the case " +
      "row keeps only the latest of each",
  };
}

async function corporatePi(context: ReportBuildContext, { from, to }: Period): Promise<ReportTable> {
  const [assessments, consents] = await Promise.all([
    context.db.corporatePiAssessment.groupBy({ by: ["conclusion"], where: { assessedAt: { gte: from, lt: to } }, _count: { _all: true } }),
    context.db.corporatePiConsent.count({ where: { consentedAt: { gte: from, lt: to } } }),
  ]);
  const of = (conclusion: string) => assessments.find((row) => row.conclusion === conclusion)?._count._all ?? 0;
  const total = assessments.reduce((sum, row) => sum + row._count._all, 0);
  return {
    id: "corporate-pi",
    columns: counts(["assessments", "positive", "negative", "noticeConsents"]),
    rows: [[total, of("POSITIVE"), of("NEGATIVE"), consents]],
    source:
      "CorporatePiAssessment where assessedAt in [from, to) (Code 15.3A assessments of corporate clients, each version counted), by conclusion; " +
      "noticeConsents: CorporatePiConsent where consentedAt in [from, to) (Code 15.3B consents to corporate PI treatment)",
  };
}

async function circumstanceChanges(context: ReportBuildContext, { from, to }: Period): Promise<ReportTable> {
  const [reported, reviews] = await Promise.all([
    context.db.circumstanceChange.count({ where: { reportedAt: { gte: from, lt: to } } }),
    context.db.circumstanceChangeReview.groupBy({ by: ["outcome"], where: { decidedAt: { gte: from, lt: to } }, _count: { _all: true } }),
  ]);
  const of = (outcome: string) => reviews.find((row) => row.outcome === outcome)?._count._all ?? 0;
  const total = reviews.reduce((sum, row) => sum + row._count._all, 0);
  const other = total - RE_REVIEW_OUTCOMES.reduce((sum, outcome) => sum + of(outcome), 0);
  return {
    id: "circumstance-changes",
    columns: counts(["reported", "reReviews", ...RE_REVIEW_OUTCOMES.map((outcome) => `outcome_${outcome}`), "outcome_other"]),
    rows: [[reported, total, ...RE_REVIEW_OUTCOMES.map(of), other]],
    source:
      "reported: CircumstanceChange where reportedAt in [from, to) (SUIT-8); reReviews: CircumstanceChangeReview where decidedAt in [from, to), " +
      "by outcome (outcome_other: any outcome not listed)",
  };
}

export const suitabilityReport: ReportDefinition = {
  id: "suitability",
  async build(context): Promise<ReportResult> {
    const period = { from: new Date(context.period.fromMs), to: new Date(context.period.toMs) };
    const steps = [applications, decisions, quiz, expiriesAndWithdrawals, corporatePi, circumstanceChanges];
    const tables: ReportTable[] = [];
    context.progress(0, steps.length);
    for (const step of steps) {
      context.signal.throwIfAborted();
      tables.push(await step(context, period));
      context.progress(tables.length, steps.length);
    }
    return { report: "suitability", period: context.period, tables, journal: null };
  },
};
