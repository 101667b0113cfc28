import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { adlRisk, marketView, stateHash, type Command, type EngineState } from "../engine/index";
import { createPrismaClient } from "../prisma-client";
import { SimulationHost, type SimulationFactory } from "./host";
import { EngineJournal } from "./journal";
import { marketAtEvent } from "./state-at";

const database = inject("database");
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const T0 = 1_767_225_600_000 + 86_400_000;
const SOURCES = ["hashkey", "osl", "coinbase", "kraken", "bitstamp"];

/** Four funded traders crossing around a random-walking BTC index: enough to move every figure. */
const market: SimulationFactory = ({ seed, ids }) => {
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  let price = 650_000;
  return {
    bootstrap(nowMs) {
      const commands: Command[] = [{ type: "FundInsurance", nowMs, fundingId: "if-seed", market: "BTC-PERP", amount: 1_000_000_000_000n }];
      for (let accountId = 1; accountId <= 4; accountId++) {
        commands.push({ type: "CreateAccount", nowMs, accountId, kind: "client" });
        commands.push({ type: "Deposit", nowMs, accountId, depositId: `seed-${accountId}`, assetId: "USD", amountMinor: 1_000_000_000n });
        commands.push({ type: "SettleDeposit", nowMs, depositId: `seed-${accountId}` });
      }
      return commands;
    },
    step(_engine: EngineState, nowMs: number) {
      price += (next() % 401) - 200;
      const commands: Command[] = [{ type: "IndexQuotes", nowMs, market: "BTC-PERP", quotes: SOURCES.map((sourceId) => ({ sourceId, price, timestampMs: nowMs })) }];
      for (let i = 0; i < 4; i++) {
        const side = next() % 2 === 0 ? "buy" : "sell";
        commands.push({ type: "PlaceOrder", nowMs, accountId: 1 + (next() % 4), orderId: ids.nextOrderId(), market: "BTC-PERP", side, orderType: "limit", price: price + (next() % 40) - 20, size: 1 + (next() % 20), tif: "GTC" });
      }
      commands.push({ type: "Tick", nowMs });
      return commands;
    },
    observe() {},
  };
};

beforeEach(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
});

describe("figures recomputed at a journal event (issue 6 pt 12, DISC-1)", () => {
  it("equal what the live engine showed right after that event, across snapshots", async () => {
    let now = T0;
    const journal = new EngineJournal(prisma);
    const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 9, simulation: market, snapshotEveryCommands: 30 });
    const seen: Array<{ seq: number; hash: string; view: unknown; adl: unknown }> = [];
    for (let i = 0; i < 40; i++) {
      now += 1_000;
      await host.step();
      const engine = host.state;
      seen.push({ seq: engine.seq, hash: stateHash(engine), view: marketView(engine, "BTC-PERP"), adl: adlRisk(engine, "BTC-PERP") });
    }
    await host.stop();
    expect(await prisma.engineSnapshot.count(), "the replay has to start from a later snapshot too").toBeGreaterThan(2);

    const distinctMarks = new Set(seen.map((point) => (point.view as { mark: number }).mark));
    expect(distinctMarks.size, "the market moved, so a wrong seq would show").toBeGreaterThan(5);
    for (const point of seen.filter((_, i) => i % 3 === 0)) {
      const at = await marketAtEvent(journal, "BTC-PERP", point.seq);
      expect(at, `seq ${point.seq}`).not.toBeNull();
      expect(at!.stateHash).toBe(point.hash);
      expect(at!.view).toEqual(point.view);
      expect(at!.adl).toEqual(point.adl);
    }
  });

  it("an event that does not exist is answered with null, not a guess", async () => {
    let now = T0;
    const journal = new EngineJournal(prisma);
    const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 9, simulation: market });
    now += 1_000;
    await host.step();
    const last = host.state.seq;
    await host.stop();
    expect(await marketAtEvent(journal, "BTC-PERP", last + 1_000)).toBeNull();
  });
});
