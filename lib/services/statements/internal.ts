import "server-only";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import type { Db, Tx } from "@/lib/services/context";
import { COLLATERAL_EVENT_TYPES, type ActivityLine, type CollateralEvent } from "@/lib/statements/model";
import type { MarketUnitsOfStatement } from "@/lib/statements/types";
import { decodeEvent, EVENT_COLUMNS, type StoredEventRow } from "@/lib/simulation/journal-codec";

/** Tick size, lot size and base asset are fixed for a market's life, so the launch configuration answers them. */
export function unitsOf(market: string): MarketUnitsOfStatement {
  const spec = DEFAULT_ENGINE_CONFIG.markets.find((m) => m.symbol === market);
  return { market, tickSize: spec?.tickSize ?? "1", lotSize: spec?.lotSize ?? "1", baseAsset: spec?.baseAsset ?? market };
}

export function decimalsOf(assetId: string): number {
  return DEFAULT_ENGINE_CONFIG.collateral.find((asset) => asset.assetId === assetId)?.decimals ?? 0;
}

export const ACTIVITY_SELECT = {
  seq: true,
  engineAccountId: true,
  nowMs: true,
  kind: true,
  market: true,
  side: true,
  lots: true,
  priceTicks: true,
  amount: true,
  positionAfter: true,
} as const;

/** The accounts' history rows in [fromMs, toMs), by account. */
export async function activityIn(db: Db | Tx, accountIds: readonly number[], window: { fromMs: number; toMs: number }): Promise<Map<number, ActivityLine[]>> {
  const rows = await db.accountActivity.findMany({
    where: { engineAccountId: { in: [...accountIds] }, nowMs: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) } },
    orderBy: [{ engineAccountId: "asc" }, { seq: "asc" }],
    select: ACTIVITY_SELECT,
  });
  const byAccount = new Map<number, ActivityLine[]>();
  for (const row of rows) {
    const list = byAccount.get(row.engineAccountId) ?? [];
    list.push(row);
    byAccount.set(row.engineAccountId, list);
  }
  return byAccount;
}

/** Each account's net lots per market just before `beforeMs`: the position after its last history row in that market. */
export async function positionsBefore(db: Db | Tx, accountIds: readonly number[], beforeMs: number): Promise<Map<number, Map<string, number>>> {
  const rows = await db.$queryRawUnsafe<Array<{ engineAccountId: number; market: string; positionAfter: number }>>(
    `SELECT DISTINCT ON ("engineAccountId", market) "engineAccountId", market, "positionAfter"
     FROM "AccountActivity"
     WHERE "engineAccountId" = ANY($1::int[]) AND "nowMs" < $2::bigint
     ORDER BY "engineAccountId", market, seq DESC`,
    [...accountIds],
    BigInt(beforeMs),
  );
  const byAccount = new Map<number, Map<string, number>>();
  for (const row of rows) {
    if (row.positionAfter === 0) continue;
    const markets = byAccount.get(row.engineAccountId) ?? new Map<string, number>();
    markets.set(row.market, row.positionAfter);
    byAccount.set(row.engineAccountId, markets);
  }
  return byAccount;
}

const COLLATERAL_PAGE = 5_000;

/**
 * The accounts' collateral events in [fromMs, toMs), read from the journal a page at a time (the
 * account is inside the compressed body, so the page is decoded and filtered here), keeping only the
 * asked accounts' events: memory stays within a page and the batch's own lines.
 */
export async function collateralEventsIn(
  db: Db | Tx,
  accountIds: readonly number[],
  window: { fromMs: number; toMs: number },
): Promise<Map<number, CollateralEvent[]>> {
  const wanted = new Set(accountIds);
  const byAccount = new Map<number, CollateralEvent[]>();
  let after: bigint | null = null;
  for (;;) {
    const rows: StoredEventRow[] = await db.engineEvent.findMany({
      where: {
        type: { in: [...COLLATERAL_EVENT_TYPES] },
        nowMs: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) },
        ...(after === null ? {} : { seq: { gt: after } }),
      },
      orderBy: { seq: "asc" },
      take: COLLATERAL_PAGE,
      select: EVENT_COLUMNS,
    });
    for (const row of rows) {
      const event = decodeEvent(row) as unknown as CollateralEvent;
      if (!wanted.has(event.accountId)) continue;
      const list = byAccount.get(event.accountId) ?? [];
      list.push(event);
      byAccount.set(event.accountId, list);
    }
    if (rows.length < COLLATERAL_PAGE) return byAccount;
    after = rows[rows.length - 1].seq;
  }
}
