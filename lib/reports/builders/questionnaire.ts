import { Prisma } from "@/prisma/generated/client";
import { piStatusExpiresAt } from "@/lib/suitability/dates";
import type { ReportBuildContext, ReportCell, ReportDefinition, ReportResult, ReportTable } from "../types";
import { complaintsReceived } from "./complaints";
import { perpsVolumes } from "./market-minutes";
import { CLIENT_KINDS, clientKind, KIND_SOURCE, type ClientKind } from "./suitability";

/**
 * RPT-3: the data extract for the SFC business and risk management questionnaire: clients by category
 * and professional-investor status at the period end, perps volume and the AFMM's share in the period
 * (the activity report's figures, market-minutes.ts), and the complaints received in the period (the
 * complaints MI's count, complaints.ts).
 */

const BATCH = 1_000;

/** Portal clients at `to`: client-family users registered before it and not closed by then. */
const clientAt = (to: Date) => Prisma.sql`u."family" = 'CLIENT' AND u."createdAt" < ${to} AND (u."closedAt" IS NULL OR u."closedAt" >= ${to})`;

/** The category of the client's latest submission before `to` (as the suitability report classifies clients). */
const latestCategory = (to: Date) => Prisma.sql`LEFT JOIN LATERAL (
    SELECT s."record"->'draft'->>'category' AS category FROM "SuitabilitySubmission" s
    WHERE s."userId" = u."id" AND s."submittedAt" < ${to}
    ORDER BY s."version" DESC LIMIT 1
  ) k ON TRUE`;

/**
 * Clients holding an approved professional-investor status at `to`, per kind: the client's latest grant
 * (an approval) before `to`, not ended before `to` by a rejection of the client's submissions, a
 * withdrawal or a revocation, and whose 12 months from the assessment date have not run out by `to`.
 */
async function piHolders(context: ReportBuildContext, to: Date): Promise<Map<ClientKind, number>> {
  const out = new Map<ClientKind, number>();
  let cursor = "";
  for (;;) {
    context.signal.throwIfAborted();
    const batch = await context.db.$queryRaw<Array<{ userId: string; assessmentDate: string; category: string | null }>>`
      SELECT g."userId" AS "userId", g."assessmentDate" AS "assessmentDate", k.category AS category
      FROM (
        SELECT DISTINCT ON (s."userId") s."userId", s."assessmentDate", r."decidedAt"
        FROM "SuitabilityReview" r JOIN "SuitabilitySubmission" s ON s."id" = r."submissionId"
        WHERE (r."decision" = 'CONFIRM_OVERRIDE' OR (r."decision" = 'APPROVE' AND NOT r."overridesEvaluator"))
          AND r."decidedAt" < ${to} AND s."userId" > ${cursor}
        ORDER BY s."userId", r."decidedAt" DESC
      ) g
      JOIN "User" u ON u."id" = g."userId"
      ${latestCategory(to)}
      WHERE ${clientAt(to)}
        AND NOT EXISTS (
          SELECT 1 FROM "SuitabilityReview" r2 JOIN "SuitabilitySubmission" s2 ON s2."id" = r2."submissionId"
          WHERE s2."userId" = g."userId" AND r2."decision" = 'REJECT' AND r2."decidedAt" > g."decidedAt" AND r2."decidedAt" < ${to})
        AND NOT EXISTS (
          SELECT 1 FROM "AuditLog" a
          WHERE a."action" IN ('onboarding.pi_withdrawn', 'onboarding.pi_revoked') AND a."entity" = 'OnboardingCase'
            AND a."entityId" = g."userId" AND a."at" > g."decidedAt" AND a."at" < ${to})
      ORDER BY g."userId" LIMIT ${BATCH}`;
    for (const grant of batch)
      if (piStatusExpiresAt(grant.assessmentDate) >= to) out.set(clientKind(grant.category), (out.get(clientKind(grant.category)) ?? 0) + 1);
    if (batch.length < BATCH) return out;
    cursor = batch[batch.length - 1].userId;
  }
}

async function clients(context: ReportBuildContext, to: Date): Promise<ReportTable> {
  const rows = await context.db.$queryRaw<Array<{ category: string | null; n: number }>>`
    SELECT k.category AS category, COUNT(*)::int AS n FROM "User" u
    ${latestCategory(to)}
    WHERE ${clientAt(to)}
    GROUP BY 1`;
  const counts = new Map<ClientKind, number>();
  for (const row of rows) counts.set(clientKind(row.category), (counts.get(clientKind(row.category)) ?? 0) + row.n);
  const holders = await piHolders(context, to);
  const out: ReportCell[][] = CLIENT_KINDS.map((kind) => [kind, counts.get(kind) ?? 0, holders.get(kind) ?? 0]);
  const total = (i: number) => out.reduce((sum, row) => sum + (row[i] as number), 0);
  out.push(["ALL", total(1), total(2)]);
  return {
    id: "clients",
    columns: [
      { key: "clientKind", unit: "text" },
      { key: "clients", unit: "count" },
      { key: "piStatusHolders", unit: "count" },
    ],
    rows: out,
    source:
      "clients: User rows of the CLIENT family with createdAt before `to` and not closed before it (closedAt null or at or after `to`); " +
      `clientKind from the client's latest SuitabilitySubmission with submittedAt before \`to\` (${KIND_SOURCE}; unknown: no submission yet). ` +
      "piStatusHolders: of those, clients whose latest approval before `to` (SuitabilityReview APPROVE without overridesEvaluator, or " +
      "CONFIRM_OVERRIDE) still stood at the period end: piStatusExpiresAt(assessmentDate of the approved submission) at or after `to`, and no " +
      "REJECT of the client's submissions and no AuditLog onboarding.pi_withdrawn or onboarding.pi_revoked between the approval and `to`",
  };
}

async function perpsVolume(context: ReportBuildContext): Promise<{ table: ReportTable; journal: ReportResult["journal"] }> {
  const { markets, journal, source } = await perpsVolumes(context);
  return {
    journal,
    table: {
      id: "perps-volume",
      columns: [
        { key: "market", unit: "text" },
        { key: "trades", unit: "count" },
        { key: "volumeLots", unit: "lots" },
        { key: "volumeNotionalMicroUsd", unit: "microUsd" },
        { key: "afmmVolumeLots", unit: "lots" },
        { key: "afmmShareOfLotsPpm", unit: "ppm" },
      ],
      rows: markets.map((m) => [m.market, m.trades, m.volumeLots.toString(), m.volumeNotional.toString(), m.afmmLots.toString(), m.afmmSharePpm]),
      source: `${source}; the same figures as the activity report's by-market table. afmmShareOfLotsPpm = AFMM lots × 1,000,000 / lots, rounded down`,
    },
  };
}

async function complaints(context: ReportBuildContext): Promise<ReportTable> {
  return {
    id: "complaints",
    columns: [{ key: "complaintsReceived", unit: "count" }],
    rows: [[await complaintsReceived(context)]],
    source:
      "Complaint rows of kind complaint with receivedAt in [from, to) (enquiries not counted); the complaints report's volumes give the same figure as received",
  };
}

export const questionnaireReport: ReportDefinition = {
  id: "questionnaire",
  async build(context): Promise<ReportResult> {
    const to = new Date(context.period.toMs);
    const clientTable = await clients(context, to);
    context.signal.throwIfAborted();
    const volume = await perpsVolume(context);
    return { report: "questionnaire", period: context.period, tables: [clientTable, volume.table, await complaints(context)], journal: volume.journal };
  },
};
