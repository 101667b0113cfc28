import "server-only";
import { marketPositions, previewAccountUnderChanges, type EngineState, type MarketSpec } from "@/lib/engine/index";
import { formatPpbPercent, formatTicks, formatUtc } from "@/lib/format";
import type { NoticeDraft } from "@/lib/notices/queue";
import type { Db, Tx } from "@/lib/services/context";
import type { TypedChange } from "./check";

/** Engine accounts holding a position or a resting order in `market`. */
export function affectedAccountIds(state: EngineState, market: string): number[] {
  const ids = new Set<number>((marketPositions(state, market) ?? []).filter((row) => row.size !== 0).map((row) => row.accountId));
  const index = state.markets.findIndex((candidate) => candidate.spec.symbol === market);
  for (const order of state.orders.values()) if (order.market === index) ids.add(order.account.id);
  return [...ids].sort((a, b) => a - b);
}

/** Portal users behind engine account ids (the simulation's own accounts have none). */
export async function usersOfAccounts(db: Db | Tx, accountIds: number[]): Promise<Map<number, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.tradingAccount.findMany({ where: { engineAccountId: { in: accountIds } }, select: { userId: true, engineAccountId: true } });
  return new Map(rows.map((row) => [row.engineAccountId, row.userId]));
}

export const ratioText = (ppb: bigint | null | undefined): string => (ppb === null || ppb === undefined ? "—" : formatPpbPercent(ppb, 2));
export const liquidationText = (ticks: number | bigint | null | undefined, spec: Pick<MarketSpec, "tickSize">): string =>
  ticks === null || ticks === undefined || Number(ticks) <= 0 ? "—" : formatTicks(Number(ticks), spec.tickSize);

/** One account's figures now and under the changes, as text: what its notice and positions panel show. */
export function accountFigures(state: EngineState, accountId: number, spec: MarketSpec, changes: TypedChange[]) {
  const preview = previewAccountUnderChanges(state, accountId, spec.symbol, changes);
  if (!preview.ok) return null;
  const position = (side: typeof preview.before) => side.positions.find((row) => row.market === spec.symbol);
  return {
    marginRatioBefore: ratioText(preview.before.marginRatioPpb),
    marginRatioAfter: ratioText(preview.after.marginRatioPpb),
    liquidationBefore: liquidationText(position(preview.before)?.liquidationPrice, spec),
    liquidationAfter: liquidationText(position(preview.after)?.liquidationPrice, spec),
  };
}

/**
 * The notices of a scheduled change: one per affected client, naming the change, the effective time
 * and their own margin ratio and liquidation price before and after. Deduplicated per proposal and user.
 */
export async function scheduledChangeNotices(
  db: Db | Tx,
  state: EngineState,
  {
    proposalId,
    spec,
    changes,
    diff,
    effectiveAtMs,
  }: { proposalId: string; spec: MarketSpec; changes: TypedChange[]; diff: Array<{ path: string; before: string; after: string }>; effectiveAtMs: number },
): Promise<NoticeDraft[]> {
  const accounts = affectedAccountIds(state, spec.symbol);
  const users = await usersOfAccounts(db, accounts);
  const change = diff.map((row) => `${row.path}: ${row.before} → ${row.after}`).join("; ");
  const drafts: NoticeDraft[] = [];
  for (const accountId of accounts) {
    const userId = users.get(accountId);
    if (!userId) continue;
    const figures = accountFigures(state, accountId, spec, changes);
    if (!figures) continue;
    drafts.push({
      userId,
      kind: "parameterChange.scheduled",
      params: { market: spec.symbol, change, effectiveAt: formatUtc(effectiveAtMs), ...figures },
      dedupeKey: `risk-proposal:${proposalId}:${userId}`,
    });
  }
  return drafts;
}
