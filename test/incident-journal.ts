import { apply, createEngine, snapshot, stateHash, type Command, type EngineState } from "../lib/engine/index";
import { SOURCES, T0, quietConfig } from "../lib/engine/test-helpers";
import { EngineJournal, type JournalEntry } from "../lib/simulation/journal";
import { LIVE_SNAPSHOT_EVERY_COMMANDS } from "../lib/simulation/state-at-limits";
import type { PrismaClient } from "../prisma/generated/client";

/**
 * A journal with one default-management episode in BTC-PERP, written the way the host writes it
 * (genesis snapshot, then each accepted command with its events): a client long 100 lots at 60,000
 * with 200 USD is gapped to 57,500 with a 3,000 USD backstop and 10 USD of fund above its floor, so
 * the waterfall runs backstop (18 lots) → insurance fund → ADL (82 lots against the short) and the
 * fund reaches its floor — the hand-computed case of the engine's own tests. `holders` more client
 * accounts hold 1-lot positions against the simulation's account 3. Then the market goes quiet.
 */

export const USD = 1_000_000n;
export const VICTIM = 1_000_001;
export const SHORT = 1_000_002;
export const FIRST_HOLDER = 1_000_100;
export const GAP_AT = T0 + 10_000;

export interface IncidentJournal {
  engine: EngineState;
  /** Client engine account ids: the victim, the short (ADL counterparty), then the holders. */
  clients: number[];
  /** Apply and journal more commands (e.g. a quiet Tick later on). */
  run(commands: Command[]): Promise<void>;
  /** The gap to 57,500 that starts the episode (already run unless `gap: false`). */
  gap(): Promise<void>;
}

export async function writeIncidentJournal(
  prisma: PrismaClient,
  { holders = 3, gap = true }: { holders?: number; gap?: boolean } = {},
): Promise<IncidentJournal> {
  const journal = new EngineJournal(prisma);
  const engine = createEngine(quietConfig(), T0);
  await journal.saveSnapshot(snapshot(engine), stateHash(engine), { maxOrderId: 0 });
  // Snapshots as the live host takes them, so reading state at a position replays a bounded tail.
  const run = async (commands: Command[]) => {
    let entries: JournalEntry[] = [];
    for (const command of commands) {
      const result = apply(engine, command);
      if (result.rejection) throw new Error(`${command.type} rejected: ${result.rejection.code} ${result.rejection.message}`);
      entries.push({ position: engine.commandCount, source: "simulation", command, events: result.events });
      if (entries.length === 500 || engine.commandCount % LIVE_SNAPSHOT_EVERY_COMMANDS === 0) {
        await journal.append(entries);
        entries = [];
      }
      if (engine.commandCount % LIVE_SNAPSHOT_EVERY_COMMANDS === 0) await journal.saveSnapshot(snapshot(engine), stateHash(engine), { maxOrderId: 0 });
    }
    await journal.append(entries);
  };
  const t = T0 + 1_000;
  const quotes = (price: number, nowMs: number): Command => ({
    type: "IndexQuotes",
    nowMs,
    market: "BTC-PERP",
    quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
  });
  const funded = (accountId: number, cents: bigint): Command[] => [
    { type: "CreateAccount", nowMs: t, accountId, kind: "client" },
    { type: "Deposit", nowMs: t, accountId, depositId: `d${accountId}`, assetId: "USD", amountMinor: cents },
    { type: "SettleDeposit", nowMs: t, depositId: `d${accountId}` },
  ];
  const holderIds = Array.from({ length: holders }, (_, i) => FIRST_HOLDER + i);
  let orderId = 0;
  await run([
    quotes(600_000, t),
    ...funded(VICTIM, 20_000n),
    ...funded(SHORT, 10_000_000n),
    ...funded(3, 10_000_000_000n),
    ...holderIds.flatMap((id) => funded(id, 10_000_000n)),
    { type: "CreateAccount", nowMs: t, accountId: 9, kind: "backstop", backstop: { priority: 0, capacity: 3_000n * USD } },
    { type: "Deposit", nowMs: t, accountId: 9, depositId: "b", assetId: "USD", amountMinor: 1_000_000n },
    { type: "SettleDeposit", nowMs: t, depositId: "b" },
    { type: "FundInsurance", nowMs: t, fundingId: "if", market: "BTC-PERP", amount: 110n * USD },
    { type: "PlaceOrder", nowMs: t, accountId: SHORT, orderId: ++orderId, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 },
    { type: "PlaceOrder", nowMs: t, accountId: VICTIM, orderId: ++orderId, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 100 },
    ...holderIds.flatMap((id): Command[] => [
      { type: "PlaceOrder", nowMs: t, accountId: 3, orderId: ++orderId, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 1 },
      { type: "PlaceOrder", nowMs: t, accountId: id, orderId: ++orderId, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 1 },
    ]),
  ]);
  const gapNow = () => run([quotes(575_000, GAP_AT)]);
  if (gap) await gapNow();
  return { engine, clients: [VICTIM, SHORT, ...holderIds], run, gap: gapNow };
}

/** Empties the journal and everything projected from it, so a test starts from nothing. */
export async function emptyJournalAndProjections(prisma: PrismaClient, schema: string): Promise<void> {
  const table = (name: string) => `"${schema}"."${name}"`;
  await prisma.$executeRawUnsafe(
    `DELETE FROM ${table("TradingAccount")} WHERE "engineAccountId" IN (${[VICTIM, SHORT, ...Array.from({ length: 200 }, (_, i) => FIRST_HOLDER + i)].join(", ")})`,
  );
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${["EngineCommand", "EngineEvent", "EngineSnapshot", "JournalCursor", "AccountActivity", "ClientPosition", "NoticeDelivery", "ClientNotice", "Incident"].map(table).join(", ")} CASCADE`,
  );
}
