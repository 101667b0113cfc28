import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { apply, canonicalHash, createEngine, parseSnapshot, restore, snapshot, stateHash, type Command } from "../engine/index";
import { T0 as HISTORY_T0, orderIdHistory } from "../engine/test-helpers";
import { createPrismaClient } from "../prisma-client";
import { SimulationHost } from "./host";
import { EngineJournal } from "./journal";
import { crossingMarket, T0 } from "./test-market";
import { COMMAND_COLUMNS, decodeCommand } from "./journal-codec";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const testMarket = crossingMarket;

function manualClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function emptyJournal() {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
}

beforeEach(emptyJournal);

describe("engine host: durable journal, snapshots and recovery", () => {
  it("restart continues from the committed state: same hash, same position, no acknowledged order lost", async () => {
    const clock = manualClock();
    const journal = new EngineJournal(prisma);
    const first = await SimulationHost.open({ database, journal, clock: clock.now, seed: 7, simulation: testMarket, snapshotEveryCommands: 25 });
    const acknowledged: number[] = [];
    for (let i = 0; i < 30; i++) {
      clock.advance(1_000);
      await first.step();
      const orderId = first.allocateOrderId();
      const result = await first.submit({
        type: "PlaceOrder",
        nowMs: 0,
        accountId: 1,
        orderId,
        market: "BTC-PERP",
        side: "buy",
        orderType: "limit",
        price: 630_000,
        size: 1,
        tif: "GTC",
      });
      expect(result.accepted).toBe(true);
      acknowledged.push(orderId);
    }
    const hashBefore = first.hash();
    const positionBefore = first.position();
    await first.stop();

    const snapshots = await prisma.engineSnapshot.count();
    expect(snapshots, "snapshots were taken along the way").toBeGreaterThan(1);

    const second = await SimulationHost.open({ database, journal, clock: clock.now, seed: 7, simulation: testMarket, snapshotEveryCommands: 25 });
    expect(second.position()).toBe(positionBefore);
    expect(second.hash()).toBe(hashBefore);

    const journaled = await prisma.engineCommand.findMany({ where: { type: "PlaceOrder", source: "client" }, select: COMMAND_COLUMNS });
    const journaledIds = new Set(journaled.map((row) => (decodeCommand(row) as { orderId: number }).orderId));
    for (const id of acknowledged) expect(journaledIds.has(id), `acknowledged order ${id} is in the journal`).toBe(true);

    // Order ids are never handed out twice, even across the restart.
    expect(second.allocateOrderId()).toBeGreaterThan(Math.max(...acknowledged));
    await second.stop();
  });

  it("restarts do not stretch the distance between snapshots (the replayed tail counts toward the next one)", async () => {
    const clock = manualClock();
    const journal = new EngineJournal(prisma);
    // Each host runs about 30 commands, less than the 40-command interval, then stops without a checkpoint.
    for (let restart = 0; restart < 6; restart++) {
      const host = await SimulationHost.open({ database, journal, clock: clock.now, seed: 13, simulation: testMarket, snapshotEveryCommands: 40 });
      for (let i = 0; i < 5; i++) {
        clock.advance(1_000);
        await host.step();
      }
      await host.stop();
    }
    const positions = (await prisma.engineSnapshot.findMany({ select: { position: true }, orderBy: { position: "asc" } })).map((row) => Number(row.position));
    positions.push(await prisma.engineCommand.count());
    const gaps = positions.slice(1).map((position, i) => position - positions[i]);
    expect(gaps.length, "snapshots were taken across the restarts").toBeGreaterThan(3);
    // At most one interval plus the batch that crossed it (a step here is 6 commands).
    expect(Math.max(...gaps)).toBeLessThan(40 + 6);
  });

  it("an uninterrupted replay of the whole journal reproduces the live state hash", async () => {
    const clock = manualClock();
    const journal = new EngineJournal(prisma);
    const host = await SimulationHost.open({ database, journal, clock: clock.now, seed: 11, simulation: testMarket, snapshotEveryCommands: 40 });
    for (let i = 0; i < 40; i++) {
      clock.advance(1_000);
      await host.step();
    }
    const live = host.hash();
    await host.stop();

    const genesis = await journal.genesis();
    expect(genesis?.position).toBe(0);
    const fresh = restore(genesis!.snapshot);
    for await (const row of journal.commandsAfter(0)) {
      const result = apply(fresh, row.command);
      expect(result.rejection).toBeUndefined();
    }
    expect(stateHash(fresh)).toBe(live);
    const events = await prisma.engineEvent.count();
    expect(events).toBe(fresh.seq);
    const trades = await prisma.engineEvent.count({ where: { type: "Trade" } });
    expect(trades, "the test market really traded").toBeGreaterThan(0);
  });

  it("a rejected submission is answered with the engine's code and never journaled", async () => {
    const clock = manualClock();
    const journal = new EngineJournal(prisma);
    const host = await SimulationHost.open({ database, journal, clock: clock.now, seed: 3, simulation: testMarket });
    const before = await prisma.engineCommand.count();
    const result = await host.submit({
      type: "PlaceOrder",
      nowMs: 0,
      accountId: 999_999,
      orderId: host.allocateOrderId(),
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 630_000,
      size: 1,
      tif: "GTC",
    });
    expect(result).toMatchObject({ accepted: false, code: "UNKNOWN_ACCOUNT" });
    expect(await prisma.engineCommand.count()).toBe(before);
    await host.stop();
  });

  it("a journal write that fails stops the host instead of letting the engine run ahead of the journal", async () => {
    const clock = manualClock();
    const journal = new EngineJournal(prisma);
    const failures: Error[] = [];
    const host = await SimulationHost.open({
      database,
      journal,
      clock: clock.now,
      seed: 5,
      simulation: testMarket,
      onFailure: (error) => failures.push(error),
    });
    const original = journal.append.bind(journal);
    journal.append = async () => {
      throw new Error("disk full");
    };
    await expect(host.submit({ type: "Tick", nowMs: 0 })).rejects.toThrow("disk full");
    await expect(host.submit({ type: "Tick", nowMs: 0 })).rejects.toThrow("disk full");
    expect(
      failures.map((error) => error.message),
      "the runtime is told once, so it can restore from the journal",
    ).toEqual(["disk full"]);
    journal.append = original;
    const reopened = await SimulationHost.open({ database, journal, clock: clock.now, seed: 5, simulation: testMarket });
    expect(reopened.position()).toBe(await prisma.engineCommand.count());
    await reopened.stop();
  });

  it("a journal whose latest snapshot is version 2 (every order id listed, as existing demo databases hold) opens and carries on", async () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, "../engine/fixtures/snapshot-v2.json"), "utf8").trim();
    const legacy = parseSnapshot(text);
    expect(legacy.version).toBe(2);
    // The journal the earlier version wrote: genesis, the commands with their events, then its snapshot.
    const journal = new EngineJournal(prisma);
    // Built with the config as this version upgrades it on restore (deposit limits added).
    const live = createEngine(restore(legacy).config, HISTORY_T0);
    await journal.saveSnapshot(snapshot(live), stateHash(live), { maxOrderId: 0 });
    for (const command of orderIdHistory()) {
      const { events, rejection } = apply(live, command);
      expect(rejection).toBeUndefined();
      await journal.append([{ position: live.commandCount, source: "bootstrap", command, events }]);
    }
    const recorded = canonicalHash(legacy);
    await prisma.engineSnapshot.create({
      data: {
        position: BigInt(legacy.commandCount),
        lastEventSeq: BigInt(legacy.seq),
        stateHash: recorded,
        state: JSON.stringify({ engine: text, host: { maxOrderId: 100_040 } }),
      },
    });

    const logs: string[] = [];
    const host = await SimulationHost.open({ database, journal, clock: () => HISTORY_T0 + 5_000, seed: 1, log: (line) => logs.push(line) });
    expect(logs).toContain(`converted the version 2 snapshot at position ${legacy.commandCount} (order ids as a bounded window)`);
    expect(host.hash(), "the converted state equals this version's engine after the same commands").toBe(stateHash(live));
    const order = (orderId: number): Command => ({
      type: "PlaceOrder",
      nowMs: 0,
      accountId: 2,
      orderId,
      market: "BTC-PERP",
      side: "sell",
      orderType: "limit",
      price: 700_000,
      size: 1,
      tif: "GTC",
    });
    expect(await host.submit(order(100_010))).toMatchObject({ accepted: false, code: "DUPLICATE_ORDER_ID" });
    expect(await host.submit(order(10))).toMatchObject({ accepted: false, code: "ORDER_ID_TOO_OLD" });
    expect(await host.submit(order(host.allocateOrderId()))).toMatchObject({ accepted: true });
    await host.stop({ checkpoint: true });
    expect((await journal.latestSnapshot())?.snapshot).toMatchObject({ version: 3, orderIds: { high: 100_041 } });

    // A damaged version 2 image is still refused.
    await emptyJournal();
    const damaged = text.replace(`"commandCount":${legacy.commandCount}`, `"commandCount":${legacy.commandCount + 1}`);
    expect(damaged).not.toBe(text);
    await prisma.engineSnapshot.create({
      data: { position: 1n, lastEventSeq: BigInt(legacy.seq), stateHash: recorded, state: JSON.stringify({ engine: damaged, host: { maxOrderId: 100_040 } }) },
    });
    await expect(SimulationHost.open({ database, journal, clock: () => HISTORY_T0, seed: 1 })).rejects.toThrow(
      /^snapshot at position 1 restores to hash [0-9a-f]{16}, recorded /,
    );
  });
});
