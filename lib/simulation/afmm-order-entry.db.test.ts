import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { afmmOrderEntry, type Command } from "../engine/index";
import { createPrismaClient } from "../prisma-client";
import { SimulationHost } from "./host";
import { EngineJournal } from "./journal";
import { crossingMarket, T0 } from "./test-market";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

beforeEach(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
});

const AFMM = 9;

describe("AFMM-4/AFMM-9: AFMM order-entry suspension through the journaled engine host", () => {
  it("AFMM-4/AFMM-9: the suspension is journaled, cancels the AFMM's resting orders, refuses its orders and survives a restart", async () => {
    let now = T0;
    const clock = () => now;
    const journal = new EngineJournal(prisma);
    const open = () => SimulationHost.open({ database, journal, clock, seed: 5, simulation: crossingMarket, snapshotEveryCommands: 10 });
    const first = await open();
    now += 1_000;
    await first.step();
    for (const c of [
      { type: "CreateAccount", nowMs: 0, accountId: AFMM, kind: "afmm" },
      { type: "Deposit", nowMs: 0, accountId: AFMM, depositId: "afmm-1", assetId: "USD", amountMinor: 1_000_000_000n },
      { type: "SettleDeposit", nowMs: 0, depositId: "afmm-1" },
    ] as Command[]) {
      expect(await first.submit(c, "admin")).toMatchObject({ accepted: true });
    }
    const afmmOrder = (): Command => ({
      type: "PlaceOrder",
      nowMs: 0,
      accountId: AFMM,
      orderId: 0,
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 630_000,
      size: 5,
      tif: "GTC",
    });
    expect(await first.submit(afmmOrder())).toMatchObject({ accepted: true });

    const suspended = await first.submit({ type: "SetAfmmOrderEntry", nowMs: 0, suspended: true, reason: "no_designated_officer" }, "admin");
    expect(suspended.accepted).toBe(true);
    if (!suspended.accepted) return;
    expect(suspended.events.map((e) => [e.type, "reason" in e ? e.reason : null])).toEqual([
      ["AfmmOrderEntrySet", "no_designated_officer"],
      ["OrderClosed", "afmm_suspended"],
    ]);
    expect(await first.submit(afmmOrder())).toMatchObject({ accepted: false, code: "AFMM_SUSPENDED" });
    const journaled = await prisma.engineCommand.count({ where: { type: "SetAfmmOrderEntry", source: "admin" } });
    expect(journaled).toBe(1);
    for (let i = 0; i < 4; i++) {
      now += 1_000;
      await first.step();
    }
    const hash = first.hash();
    await first.stop();

    // A snapshot taken after the command holds the flag; the restarted host restores and replays it.
    const latest = await journal.latestSnapshot();
    expect(latest!.snapshot).toMatchObject({ afmmOrderEntry: { suspended: true, reason: "no_designated_officer" } });
    const second = await open();
    expect(second.hash()).toBe(hash);
    expect(afmmOrderEntry(second.state)).toMatchObject({ suspended: true, reason: "no_designated_officer" });
    expect(await second.submit(afmmOrder())).toMatchObject({ accepted: false, code: "AFMM_SUSPENDED" });
    expect(await second.submit({ type: "SetAfmmOrderEntry", nowMs: 0, suspended: false, reason: "gates_met" }, "admin")).toMatchObject({ accepted: true });
    expect(await second.submit(afmmOrder())).toMatchObject({ accepted: true });
    await second.stop();
  });
});
