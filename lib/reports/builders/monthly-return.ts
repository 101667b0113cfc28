import { accountFigures, collateralView, marketView, SETTLEMENT_ASSET, type AccountFigures, type EngineState } from "@/lib/engine/index";
import { EngineJournal } from "@/lib/simulation/journal";
import { ReplayCursor, SnapshotIndex } from "@/lib/simulation/state-at";
import type { ReportBuildContext, ReportCell, ReportDefinition, ReportResult, ReportTable } from "../types";

/**
 * RPT-1: supporting schedules for the SFC monthly financial return, as at the period end: client
 * assets by collateral type, perps margin balances and the insurance fund per market. They are read
 * from the engine itself as it stood after the last journal command with engine time before the
 * period end: the nearest stored snapshot at or before that command (archived segments included),
 * then the journal's commands after it replayed up to it (lib/simulation/state-at.ts, the same replay
 * the public historical figures use). Every figure is the engine's own (views.ts accountFigures,
 * marketView, collateralView): no margin arithmetic here, and only aggregates leave this file.
 *
 * Cost: one snapshot restore and at most one snapshot interval of commands (the live host stores a
 * snapshot every 5,000 commands), replayed in pages of 500 so the event loop gets turns in between.
 */

const ACCOUNT_KINDS = ["client", "afmm", "backstop"] as const;

interface EngineAt {
  position: number;
  engineTimeMs: number;
  lastEventSeq: number;
  accounts: AccountFigures[];
  assets: Array<{ assetId: string; decimals: number; status: string | null }>;
  funds: Array<{ market: string; balance: bigint; floor: bigint; available: bigint }>;
}

/** What the report needs of the engine state, read once (the cursor's state must only be read). */
function readState(state: EngineState): Omit<EngineAt, "position"> {
  const collateral = collateralView(state);
  return {
    engineTimeMs: state.now,
    lastEventSeq: state.seq,
    accounts: accountFigures(state),
    assets: collateral.assets.map((row) => ({ assetId: row.assetId, decimals: row.decimals, status: row.valuation?.status ?? null })),
    funds: state.config.markets.map((spec) => {
      const fund = marketView(state, spec.symbol)!.insuranceFund;
      return { market: spec.symbol, balance: fund.balance, floor: fund.floor, available: fund.available };
    }),
  };
}

/**
 * The engine as at `toMs`: restored after the last command with nowMs < toMs (position 0, the genesis
 * image, when none). Null when the journal has no snapshot at all (no engine has ever run on this database).
 */
export async function engineAt(context: Pick<ReportBuildContext, "db" | "signal">, toMs: number): Promise<EngineAt | null> {
  const journal = new EngineJournal(context.db);
  if ((await journal.snapshotPositionsAfter(-1)).length === 0) return null;
  const position = await journal.lastPositionBefore(toMs);
  const base = await new SnapshotIndex(journal).baseFor(position);
  context.signal.throwIfAborted();
  const cursor = await ReplayCursor.open(journal, base);
  await cursor.advanceTo(journal, position);
  context.signal.throwIfAborted();
  return { position, ...cursor.read(readState) };
}

const STATE_SOURCE = (at: EngineAt | null) =>
  at === null
    ? "the engine journal has no snapshot (no engine has run on this database): no figures"
    : `the engine state restored at journal position ${at.position} (the last command with engine time before the period end; engine time ${new Date(at.engineTimeMs).toISOString()}, last event seq ${at.lastEventSeq}): the nearest stored snapshot at or before it, then the journal's commands replayed up to it`;

function clientAssets(at: EngineAt | null): ReportTable {
  const rows: ReportCell[][] = [];
  if (at) {
    // Every asset of the registry in force, then any asset still held that the registry no longer lists.
    const assets = [...at.assets];
    for (const account of at.accounts)
      for (const holding of account.holdings)
        if (!assets.some((a) => a.assetId === holding.assetId)) assets.push({ assetId: holding.assetId, decimals: -1, status: null });
    for (const kind of ACCOUNT_KINDS) {
      const accounts = at.accounts.filter((account) => account.kind === kind);
      for (const asset of assets) {
        if (asset.assetId === SETTLEMENT_ASSET) {
          // USD is the engine's cash ledger, in micro-USD: the balance is net (a negative cash balance is a loss other collateral backs).
          const cash = accounts.reduce((sum, account) => sum + account.cash, 0n);
          rows.push([kind, asset.assetId, 6, accounts.filter((account) => account.cash > 0n).length, cash.toString(), cash.toString(), asset.status]);
          continue;
        }
        let holders = 0;
        let balance = 0n;
        let value = 0n;
        for (const account of accounts) {
          const holding = account.holdings.find((h) => h.assetId === asset.assetId);
          if (!holding) continue;
          holders++;
          balance += holding.amountMinor;
          value += holding.valueUsd;
        }
        rows.push([
          kind,
          asset.assetId,
          asset.decimals < 0 ? null : asset.decimals,
          holders,
          balance.toString(),
          asset.status === null ? null : value.toString(),
          asset.status,
        ]);
      }
    }
  }
  return {
    id: "client-assets",
    columns: [
      { key: "accountKind", unit: "text" },
      { key: "assetId", unit: "text" },
      { key: "unitDecimals", unit: "count" },
      { key: "accountsHolding", unit: "count" },
      { key: "balanceMinor", unit: "count" },
      { key: "valueMicroUsd", unit: "microUsd" },
      { key: "valuationStatus", unit: "text" },
    ],
    rows,
    source:
      `${STATE_SOURCE(at)}. One row per engine account kind (client: client accounts; afmm: the affiliated market maker; backstop: backstop ` +
      "liquidity providers; house accounts are listed separately and never added to the client rows) and collateral asset of the registry in " +
      "force. accountsHolding: accounts holding a positive balance; balanceMinor: Σ settled balance in the asset's minor units (10^-unitDecimals); " +
      "valueMicroUsd: Σ the engine's collateral value at the valuation in force (haircut applied; null for an asset the engine does not value). " +
      "USD is the engine's cash ledger, kept in micro-USD (unitDecimals 6): its balance and value are Σ cash, net of negative cash balances. " +
      "Deposits not yet settled are not client assets of the engine and are left out",
  };
}

function marginBalances(at: EngineAt | null): ReportTable {
  const rows: ReportCell[][] = [];
  if (at)
    for (const kind of ACCOUNT_KINDS) {
      const accounts = at.accounts.filter((account) => account.kind === kind);
      const sum = (pick: (account: AccountFigures) => bigint) => accounts.reduce((total, account) => total + pick(account), 0n).toString();
      rows.push([
        kind,
        accounts.length,
        accounts.filter((account) => account.openPositions > 0).length,
        sum((a) => a.cash),
        sum((a) => a.collateralValue),
        sum((a) => a.unrealizedPnl),
        sum((a) => a.equity),
        sum((a) => a.initialMargin),
        sum((a) => a.maintenanceMargin),
        sum((a) => a.freeCollateral),
      ]);
    }
  return {
    id: "margin",
    columns: [
      { key: "accountKind", unit: "text" },
      { key: "accounts", unit: "count" },
      { key: "accountsWithPositions", unit: "count" },
      { key: "cashMicroUsd", unit: "microUsd" },
      { key: "collateralValueMicroUsd", unit: "microUsd" },
      { key: "unrealisedPnlMicroUsd", unit: "microUsd" },
      { key: "equityMicroUsd", unit: "microUsd" },
      { key: "initialMarginMicroUsd", unit: "microUsd" },
      { key: "maintenanceMarginMicroUsd", unit: "microUsd" },
      { key: "freeCollateralMicroUsd", unit: "microUsd" },
    ],
    rows,
    source:
      `${STATE_SOURCE(at)}. Per engine account kind, sums over its accounts of the engine's own figures at the marks then in force: cash (USD ` +
      "ledger), collateralValue (non-USD collateral after haircuts), unrealised PnL, equity = cash + collateral value + unrealised PnL, initial " +
      "margin (positions and resting orders), maintenance margin, free collateral (min(cash, equity − initial margin), floored at 0, per account)",
  };
}

function insuranceFunds(at: EngineAt | null): ReportTable {
  return {
    id: "insurance-fund",
    columns: [
      { key: "market", unit: "text" },
      { key: "balanceMicroUsd", unit: "microUsd" },
      { key: "floorMicroUsd", unit: "microUsd" },
      { key: "availableMicroUsd", unit: "microUsd" },
    ],
    rows: (at?.funds ?? []).map((fund) => [fund.market, fund.balance.toString(), fund.floor.toString(), fund.available.toString()]),
    source: `${STATE_SOURCE(at)}. Per market the engine lists: the insurance fund's balance, its floor and what is available above the floor`,
  };
}

export const monthlyReturnReport: ReportDefinition = {
  id: "monthly-return",
  async build(context): Promise<ReportResult> {
    context.progress(0, 1);
    const at = await engineAt(context, context.period.toMs);
    context.progress(1, 1);
    return {
      report: "monthly-return",
      period: context.period,
      tables: [clientAssets(at), marginBalances(at), insuranceFunds(at)],
      journal: at && at.lastEventSeq > 0 ? { fromSeq: 1, toSeq: at.lastEventSeq } : null,
    };
  },
};
