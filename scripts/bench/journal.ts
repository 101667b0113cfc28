import { apply, createEngine, DEFAULT_ENGINE_CONFIG_INPUT, type Command } from "../../lib/engine/index";
import { env } from "../../lib/env";
import { createPrismaClient } from "../../lib/prisma-client";
import { EngineJournal, type JournalEntry } from "../../lib/simulation/journal";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations, dropSchema } from "../db/migrations";
import type { BenchOptions, BenchResult } from "../bench";

/**
 * Journal append throughput on the real database (DATABASE_URL, else an in-memory
 * embedded PostgreSQL), with real engine commands and events. Ours: the host's batched append (one
 * transaction per batch); peer: the naive way, one transaction per command. Unit: events per second.
 */
export async function runJournalBench(options: BenchOptions): Promise<BenchResult[]> {
  const entries = realEntries(4_000);
  const events = entries.reduce((sum, entry) => sum + entry.events.length, 0);
  const url = env().DATABASE_URL;
  const embedded = url ? undefined : await startEmbeddedPostgres({ port: await freePort() });
  const target = { url: url ?? embedded!.url, schema: url ? `bench_journal_${process.pid}` : "public" };
  await applyMigrations(target);
  const prisma = createPrismaClient(target.url, target.schema);
  const journal = new EngineJournal(prisma);
  const truncate = () => prisma.$executeRawUnsafe(`TRUNCATE "${target.schema}"."EngineCommand", "${target.schema}"."EngineEvent"`);
  try {
    const batchRuns: number[] = [];
    for (let run = 0; run < Math.max(1, options.runs); run++) {
      await truncate();
      const started = process.hrtime.bigint();
      for (let i = 0; i < entries.length; i += 250) await journal.append(entries.slice(i, i + 250));
      batchRuns.push(events / (Number(process.hrtime.bigint() - started) / 1e9));
    }
    let peer: number | null = null;
    if (options.peerRuns > 0) {
      await truncate();
      const sample = entries.slice(0, 500);
      const sampleEvents = sample.reduce((sum, entry) => sum + entry.events.length, 0);
      const started = process.hrtime.bigint();
      for (const entry of sample) await journal.append([entry]);
      peer = sampleEvents / (Number(process.hrtime.bigint() - started) / 1e9);
    }
    const ours = median(batchRuns);
    return [
      {
        bench: "journal.append.throughput",
        unit: "events/s",
        ours: Math.round(ours),
        peer: peer === null ? null : Math.round(peer),
        ratio: peer === null ? null : Math.round((ours / peer) * 10) / 10,
        target: "keeps up with the live market (hundreds of events/s) with room to spare",
        extra: { database: url ? "postgres" : "embedded", commands: entries.length, events, batch: 250 },
      },
    ];
  } finally {
    await prisma.$disconnect();
    if (url) await dropSchema(target);
    await embedded?.stop();
  }
}

/** Real journal entries: funded accounts trading against each other around a moving price. */
function realEntries(count: number): JournalEntry[] {
  const T0 = 1_767_225_600_000 + 86_400_000;
  const engine = createEngine(DEFAULT_ENGINE_CONFIG_INPUT, T0);
  const entries: JournalEntry[] = [];
  const run = (command: Command) => {
    const result = apply(engine, command);
    if (!result.rejection) entries.push({ position: engine.commandCount, source: "simulation", command, events: result.events });
  };
  const sources = ["hashkey", "osl", "coinbase", "kraken", "bitstamp"];
  for (let accountId = 1; accountId <= 10; accountId++) {
    run({ type: "CreateAccount", nowMs: T0, accountId, kind: "client" });
    run({ type: "Deposit", nowMs: T0, accountId, depositId: `b${accountId}`, assetId: "USD", amountMinor: 100_000_000_00n });
    run({ type: "SettleDeposit", nowMs: T0, depositId: `b${accountId}` });
  }
  let orderId = 1;
  for (let i = 0; entries.length < count; i++) {
    const nowMs = T0 + i * 100;
    const price = 650_000 + ((i * 37) % 400) - 200;
    if (i % 10 === 0)
      run({
        type: "IndexQuotes",
        nowMs,
        market: "BTC-PERP",
        quotes: sources.map((sourceId) => ({ sourceId, price, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
      });
    run({
      type: "PlaceOrder",
      nowMs,
      accountId: 1 + (i % 10),
      orderId: orderId++,
      market: "BTC-PERP",
      side: i % 2 ? "buy" : "sell",
      orderType: "limit",
      price: price + (i % 2 ? 5 : -5),
      size: 1 + (i % 7),
      tif: "GTC",
    });
    if (i % 10 === 5) run({ type: "Tick", nowMs });
  }
  return entries;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
