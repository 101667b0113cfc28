import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "../prisma/generated/client";
import type { Command } from "@/lib/engine/index";
import { DepositConfirmations } from "@/lib/simulation/client-deposits";
import { SimulationHost, type SimulationFactory } from "@/lib/simulation/host";
import { EngineJournal } from "@/lib/simulation/journal";
import type { EngineRuntime } from "@/lib/simulation/runtime";
import type { TestDatabase } from "./database";

// The engine set-up the trading db tests share: a quiet market with one maker, run in the test's process.

export const T0 = 1_767_225_600_000 + 86_400_000;
export const SOURCES = ["hashkey", "osl", "coinbase", "kraken", "bitstamp"];
export const MAKER = 1;

/** A quiet market: fixed index prices and one maker resting both sides of BTC-PERP around 60,000 USD. */
export const quietMarket: SimulationFactory = () => ({
  bootstrap(nowMs) {
    const commands: Command[] = [
      { type: "FundInsurance", nowMs, fundingId: "if-seed", market: "BTC-PERP", amount: 1_000_000_000_000n },
      { type: "CreateAccount", nowMs, accountId: MAKER, kind: "afmm" },
      { type: "Deposit", nowMs, accountId: MAKER, depositId: "maker", assetId: "USD", amountMinor: 100_000_000_00n },
      { type: "SettleDeposit", nowMs, depositId: "maker" },
    ];
    for (const market of ["BTC-PERP", "ETH-PERP"]) {
      const price = market === "BTC-PERP" ? 600_000 : 300_000;
      commands.push({
        type: "IndexQuotes",
        nowMs,
        market,
        quotes: SOURCES.map((sourceId) => ({ sourceId, price, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
      });
    }
    commands.push({
      type: "PlaceOrder",
      nowMs,
      accountId: MAKER,
      orderId: 1,
      market: "BTC-PERP",
      side: "sell",
      orderType: "limit",
      price: 600_010,
      size: 20_000,
      tif: "GTC",
    });
    commands.push({
      type: "PlaceOrder",
      nowMs,
      accountId: MAKER,
      orderId: 2,
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 599_990,
      size: 20_000,
      tif: "GTC",
    });
    return commands;
  },
  step(_engine, nowMs) {
    return ["BTC-PERP", "ETH-PERP"].map((market) => ({
      type: "IndexQuotes",
      nowMs,
      market,
      quotes: SOURCES.map((sourceId) => ({ sourceId, price: market === "BTC-PERP" ? 600_000 : 300_000, timestampMs: nowMs, recentVolumeUsd: 50_000_000 })),
    }));
  },
  observe() {},
});

/** The quiet market's engine, hosted in the test file's process for as long as the file runs. */
export interface QuietVenue {
  /** The engine's clock in ms: a test moves time by changing it. */
  now: number;
  readonly host: SimulationHost;
  readonly deposits: DepositConfirmations;
}

/**
 * Opens the quiet market on the file's schema before its tests (journal truncated first) and installs it
 * as this process's engine runtime, as startEngineRuntime would, so the services find it; stops it after.
 */
export function openQuietVenue(database: TestDatabase, prisma: PrismaClient): QuietVenue {
  let host: SimulationHost | undefined;
  let deposits: DepositConfirmations | undefined;
  const runtimeSlot = globalThis as unknown as { perpsEngineRuntime?: Promise<EngineRuntime> };
  const venue = {
    now: T0,
    get host() {
      return host!;
    },
    get deposits() {
      return deposits!;
    },
  };
  const clock = () => venue.now;
  beforeAll(async () => {
    const table = (name: string) => `"${database.schema}"."${name}"`;
    await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("MarketMinute")}`);
    deposits = new DepositConfirmations({ now: clock, submit: (command) => host!.submit(command, "admin") });
    host = await SimulationHost.open({
      database,
      journal: new EngineJournal(prisma),
      clock,
      seed: 1,
      simulation: quietMarket,
      publish: (_messages, batch) => batch.entries.forEach((entry) => deposits!.observe(entry.events)),
    });
    runtimeSlot.perpsEngineRuntime = Promise.resolve({
      mode: "in-process",
      host,
      deposits,
      submit: (command: Command, source: "client" | "admin" = "client") => host!.submit(command, source),
      // What publicEngine reads of the feed: the markets it serves.
      feed: { markets: () => host!.state.config.markets.map((market) => market.symbol) },
    } as unknown as EngineRuntime);
  });
  afterAll(async () => {
    runtimeSlot.perpsEngineRuntime = undefined;
    await host?.stop();
  });
  return venue;
}
