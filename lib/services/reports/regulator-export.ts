import "server-only";
import { strToU8, zipSync } from "fflate";
import { z } from "zod";
import { canonicalJson } from "@/lib/audit/chain";
import { toCsv, type CsvCell } from "@/lib/csv";
import { msg } from "@/lib/i18n/message-ref";
import { sha256Hex } from "@/lib/reports/pack";
import { hongKongDate } from "@/lib/reports/period";
import { recordAudit } from "@/lib/services/audit";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { parseReportPeriod } from "./period-input";

/**
 * RPT-10: the regulator export. For a period (Hong Kong dates), optionally one client account and one
 * market: the clients' orders as instructed (every order placed, cancelled or refused through the
 * portal, from the audit log, which records each instruction in the transaction that sent it), their
 * fills, liquidation and ADL transfers and funding (the journal's projection, AccountActivity), their
 * positions at the period end (the position after each client's last row per market), and the client
 * records of every account in the export. A ZIP of CSVs with a manifest of SHA-256 per file, made at
 * once from indexed tables. Every export is a logged read of client data (the access review) and an
 * audit entry with the filter and the manifest hash (what auditors see).
 */

export const RegulatorExportInput = z.object({
  from: z.string().max(20),
  to: z.string().max(20),
  account: z.string().max(20).optional(),
  market: z.string().max(40).optional(),
});

const ACCOUNT = /^\d{1,12}$/;
const MARKET = /^[A-Z0-9]{1,20}-[A-Z0-9]{1,20}$/;
/** Rows per query: the export is read in pages so a busy month does not hold one huge result at a time in the driver. */
const PAGE = 5_000;

export async function regulatorExport({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof RegulatorExportInput> }) {
  const actor = authorize(ctx, "reports.generate");
  requireStepUp(ctx);
  const parsed = RegulatorExportInput.safeParse(input);
  if (!parsed.success) throw new Invalid(msg("errors.reports.badRequest"));
  const { from, to, fromMs, toMs } = parseReportPeriod(parsed.data.from, parsed.data.to);
  const accountText = parsed.data.account?.trim() || undefined;
  const market = parsed.data.market?.trim().toUpperCase() || undefined;
  if (accountText !== undefined && !ACCOUNT.test(accountText))
    throw new Invalid(msg("errors.reports.badAccount", { account: accountText.slice(0, 20) }), {
      account: [msg("errors.reports.badAccount", { account: accountText.slice(0, 20) })],
    });
  if (market !== undefined && !MARKET.test(market))
    throw new Invalid(msg("errors.reports.badMarket", { market: market.slice(0, 40) }), {
      market: [msg("errors.reports.badMarket", { market: market.slice(0, 40) })],
    });
  const account = accountText === undefined ? undefined : Number(accountText);

  const accountFilter = account === undefined ? {} : { engineAccountId: account };
  const marketFilter = market === undefined ? {} : { market };
  const period = { gte: BigInt(fromMs), lt: BigInt(toMs) };

  const fills: CsvCell[][] = [];
  let cursor: { seq: bigint; engineAccountId: number } | undefined;
  for (;;) {
    const page = await ctx.db.accountActivity.findMany({
      where: { nowMs: period, ...accountFilter, ...marketFilter },
      orderBy: [{ seq: "asc" }, { engineAccountId: "asc" }],
      take: PAGE,
      ...(cursor ? { cursor: { seq_engineAccountId: cursor }, skip: 1 } : {}),
    });
    for (const row of page)
      fills.push([
        new Date(Number(row.nowMs)).toISOString(),
        row.seq,
        row.engineAccountId,
        row.kind,
        row.market,
        row.side,
        row.lots,
        row.priceTicks,
        row.amount,
        row.positionAfter,
      ]);
    if (page.length < PAGE) break;
    cursor = { seq: page[page.length - 1].seq, engineAccountId: page[page.length - 1].engineAccountId };
  }

  // Positions at the period end: each account's last row per market before it (flat ones left out).
  const positions = await ctx.db.$queryRaw<Array<{ engineAccountId: number; market: string; positionAfter: number; seq: bigint }>>`
    SELECT DISTINCT ON ("engineAccountId", "market") "engineAccountId", "market", "positionAfter", "seq"
    FROM "AccountActivity"
    WHERE "nowMs" < ${BigInt(toMs)}
      AND (${account ?? null}::int IS NULL OR "engineAccountId" = ${account ?? null}::int)
      AND (${market ?? null}::text IS NULL OR "market" = ${market ?? null}::text)
    ORDER BY "engineAccountId", "market", "seq" DESC`;

  const orderActions = ["trading.order_place", "trading.order_cancel", "trading.order_refused"] as const;
  const orderRows = await ctx.db.auditLog.findMany({
    where: { action: { in: [...orderActions] }, at: { gte: new Date(fromMs), lt: new Date(toMs) } },
    orderBy: { seq: "asc" },
    select: { seq: true, at: true, action: true, entityId: true, actorId: true, after: true, reason: true },
  });
  const orders: CsvCell[][] = [];
  for (const row of orderRows) {
    const after = (row.after ?? {}) as Record<string, unknown>;
    const engineAccountId =
      typeof after.engineAccountId === "number" ? after.engineAccountId : row.action === "trading.order_refused" ? Number(row.entityId) : null;
    if (account !== undefined && engineAccountId !== account) continue;
    if (market !== undefined && after.market !== undefined && after.market !== market) continue;
    orders.push([
      row.at.toISOString(),
      row.seq,
      row.action.replace("trading.order_", ""),
      engineAccountId,
      row.action === "trading.order_refused" ? null : row.entityId,
      cell(after.market),
      cell(after.side),
      cell(after.orderType),
      cell(after.price),
      cell(after.size),
      cell(after.tif),
      cell(after.reduceOnly),
      row.actorId,
      cell(after.code) ?? row.reason,
    ]);
  }

  const accountIds = [
    ...new Set([...fills.map((row) => row[2] as number), ...positions.map((row) => row.engineAccountId), ...(account !== undefined ? [account] : [])]),
  ];
  const clients = await ctx.db.tradingAccount.findMany({
    where: { engineAccountId: { in: accountIds } },
    orderBy: { engineAccountId: "asc" },
    select: {
      engineAccountId: true,
      openedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          createdAt: true,
          closedAt: true,
          onboardingCase: { select: { status: true, verifiedAt: true, expiresAt: true, withdrawnAt: true, revokedAt: true } },
        },
      },
    },
  });

  const files: Array<{ name: string; text: string }> = [
    {
      name: "orders.csv",
      text: toCsv(
        [
          "time",
          "auditSeq",
          "instruction",
          "engineAccountId",
          "orderId",
          "market",
          "side",
          "orderType",
          "priceTicks",
          "sizeLots",
          "timeInForce",
          "reduceOnly",
          "instructedByUserId",
          "refusal",
        ],
        orders,
      ),
    },
    {
      name: "fills.csv",
      text: toCsv(["time", "eventSeq", "engineAccountId", "kind", "market", "side", "lots", "priceTicks", "amountMicroUsd", "positionAfterLots"], fills),
    },
    {
      name: "positions.csv",
      text: toCsv(
        ["asOf", "engineAccountId", "market", "lots", "lastEventSeq"],
        positions
          .filter((row) => row.positionAfter !== 0)
          .map((row) => [new Date(toMs).toISOString(), row.engineAccountId, row.market, row.positionAfter, row.seq]),
      ),
    },
    {
      name: "clients.csv",
      text: toCsv(
        [
          "engineAccountId",
          "userId",
          "name",
          "email",
          "registeredAt",
          "accountOpenedAt",
          "relationshipClosedAt",
          "suitabilityStatus",
          "piVerifiedAt",
          "piExpiresAt",
          "piWithdrawnAt",
          "piRevokedAt",
        ],
        clients.map((row) => [
          row.engineAccountId,
          row.user.id,
          row.user.name,
          row.user.email,
          row.user.createdAt,
          row.openedAt,
          row.user.closedAt,
          row.user.onboardingCase?.status,
          row.user.onboardingCase?.verifiedAt,
          row.user.onboardingCase?.expiresAt,
          row.user.onboardingCase?.withdrawnAt,
          row.user.onboardingCase?.revokedAt,
        ]),
      ),
    },
  ];
  const filter = { from, to, account: account ?? null, market: market ?? null };
  const generatedAt = ctx.now();
  const manifest = {
    format: "regulator-export/1",
    period: { fromMs, toMs },
    filter,
    generatedAt: generatedAt.toISOString(),
    generatedBy: actor.userId,
    files: files.map((file) => ({ name: file.name, rows: file.text.split("\r\n").length - 2, sha256: sha256Hex(file.text) })),
  };
  const manifestText = JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2) + "\n";
  const manifestSha256 = sha256Hex(manifestText);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = { "manifest.json": [strToU8(manifestText), { mtime: generatedAt }] };
  for (const file of files) entries[file.name] = [strToU8(file.text), { mtime: generatedAt }];
  const zip = zipSync(entries);

  await withTransaction(ctx, async (tx) => {
    await recordClientDataAccess(
      tx,
      actor,
      { resource: "regulator_export", subjectRef: canonicalJson(filter), purpose: "regulator data request" },
      generatedAt,
    );
    await recordAudit(tx, ctx, {
      action: "report.regulator_export",
      entity: "RegulatorExport",
      entityId: manifestSha256,
      after: { ...filter, rows: Object.fromEntries(manifest.files.map((file) => [file.name, file.rows])), manifestSha256 },
    });
  });
  const name = `regulator-export-${hongKongDate(fromMs)}-to-${hongKongDate(toMs - 1)}${account !== undefined ? `-account-${account}` : ""}${market ? `-${market}` : ""}.zip`;
  return { zip, name, manifestSha256, rows: manifest.files };
}

function cell(value: unknown): CsvCell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** The exports made so far, newest first, from the audit log (who, when, which filter, the manifest hash). */
export async function listRegulatorExports({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "compliance.view");
  const rows = await ctx.db.auditLog.findMany({
    where: { action: "report.regulator_export" },
    orderBy: { seq: "desc" },
    take: 50,
    select: { seq: true, at: true, actorEmail: true, after: true },
  });
  const text = (value: unknown): string | null => (typeof value === "string" || typeof value === "number" ? String(value) : null);
  return rows.map((row) => {
    const after = (row.after ?? {}) as Record<string, unknown>;
    return {
      seq: Number(row.seq),
      atMs: row.at.getTime(),
      by: row.actorEmail,
      from: text(after.from),
      to: text(after.to),
      account: text(after.account),
      market: text(after.market),
      manifestSha256: text(after.manifestSha256),
    };
  });
}
