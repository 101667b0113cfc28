import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import { findTradingAccount } from "@/lib/services/trading/internal";
import { marketUnits, type MarketUnits } from "@/lib/services/trading/market-units";
import { ACTIVITY_KINDS, AccountActivityFilter, HISTORY_PAGE_SIZE, type ActivityKind } from "@/lib/services/trading/schemas";

/** One line of the client's history, in engine units: prices in ticks, sizes in lots, money in micro-USD. */
export interface ActivityRow {
  /** The journal position of the event: the history's order, and its paging cursor. */
  seq: string;
  /** Engine time, epoch ms. */
  atMs: number;
  kind: ActivityKind;
  market: string;
  side: "buy" | "sell" | null;
  lots: number | null;
  priceTicks: number | null;
  /** Fills: the fee paid (negative: a rebate). Funding: the amount received (negative: paid). */
  amount: string | null;
  /** Signed lots held after this line. */
  positionAfter: number;
}

export interface AccountActivityPage {
  /** False before the client has opened a trading account (then there is no history at all). */
  hasAccount: boolean;
  rows: ActivityRow[];
  markets: MarketUnits[];
  filter: { kind: ActivityKind | null; market: string | null };
  pageSize: number;
  /** `before` for the next older page, or null when these are the oldest rows. */
  olderBefore: string | null;
  /** `after` for the next newer page, or null when these are the newest rows. */
  newerAfter: string | null;
}

/** The address's query (strings) or typed values; the schema checks either. */
export interface AccountActivityQuery {
  kind?: string;
  market?: string;
  before?: string | number | bigint;
  after?: string | number | bigint;
  pageSize?: string | number;
}

const ROW_SELECT = {
  seq: true,
  nowMs: true,
  kind: true,
  market: true,
  side: true,
  lots: true,
  priceTicks: true,
  amount: true,
  positionAfter: true,
} as const satisfies Prisma.AccountActivitySelect;

/**
 * The signed-in client's own fills, liquidations, ADL fills and funding payments, as projected from
 * the engine's journal, newest first by journal position (a stable order: positions never change and
 * new rows only ever come first), a page at a time with keyset cursors, optionally one kind or market.
 */
export async function listAccountActivity({ ctx, input }: { ctx: ServiceContext; input?: AccountActivityQuery }): Promise<AccountActivityPage> {
  const actor = authorize(ctx, "portal.view");
  const filter = parseInput(AccountActivityFilter, input);
  const markets = await marketUnits();
  if (filter.market !== undefined && !markets.some((market) => market.symbol === filter.market)) {
    const problem = msg("validation.trading.unknownMarket", { markets: markets.map((market) => market.symbol).join(", ") });
    throw new Invalid(problem, { market: [problem] });
  }
  const pageSize = filter.pageSize ?? HISTORY_PAGE_SIZE;
  const empty = { rows: [], markets, filter: { kind: filter.kind ?? null, market: filter.market ?? null }, pageSize, olderBefore: null, newerAfter: null };
  const link = await findTradingAccount(ctx.db, actor.userId);
  if (!link) return { hasAccount: false, ...empty };

  const where: Prisma.AccountActivityWhereInput = {
    engineAccountId: link.engineAccountId,
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.market ? { market: filter.market } : {}),
  };
  const exists = async (seq: Prisma.BigIntFilter) => (await ctx.db.accountActivity.findFirst({ where: { ...where, seq }, select: { seq: true } })) !== null;

  let rows;
  let olderBefore: bigint | null = null;
  let newerAfter: bigint | null = null;
  if (filter.after !== undefined) {
    const found = await ctx.db.accountActivity.findMany({
      where: { ...where, seq: { gt: filter.after } },
      orderBy: { seq: "asc" },
      take: pageSize + 1,
      select: ROW_SELECT,
    });
    rows = found.slice(0, pageSize).reverse();
    if (found.length > pageSize) newerAfter = rows[0].seq;
    if (rows.length > 0 && (await exists({ lt: rows[rows.length - 1].seq }))) olderBefore = rows[rows.length - 1].seq;
  } else {
    const found = await ctx.db.accountActivity.findMany({
      where: { ...where, ...(filter.before !== undefined ? { seq: { lt: filter.before } } : {}) },
      orderBy: { seq: "desc" },
      take: pageSize + 1,
      select: ROW_SELECT,
    });
    rows = found.slice(0, pageSize);
    if (found.length > pageSize) olderBefore = rows[rows.length - 1].seq;
    if (filter.before !== undefined && rows.length > 0 && (await exists({ gt: rows[0].seq }))) newerAfter = rows[0].seq;
  }
  return {
    hasAccount: true,
    ...empty,
    rows: rows.filter((row) => (ACTIVITY_KINDS as readonly string[]).includes(row.kind)).map(toRow),
    olderBefore: olderBefore?.toString() ?? null,
    newerAfter: newerAfter?.toString() ?? null,
  };
}

function toRow(row: Prisma.AccountActivityGetPayload<{ select: typeof ROW_SELECT }>): ActivityRow {
  return {
    seq: row.seq.toString(),
    atMs: Number(row.nowMs),
    kind: row.kind as ActivityKind,
    market: row.market,
    side: row.side === "buy" || row.side === "sell" ? row.side : null,
    lots: row.lots,
    priceTicks: row.priceTicks,
    amount: row.amount === null ? null : row.amount.toString(),
    positionAfter: row.positionAfter,
  };
}
