import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { adlRisk, marketView, stateHash } from "../engine/index";
import { createPrismaClient } from "../prisma-client";
import { SimulationHost } from "./host";
import { EngineJournal } from "./journal";
import { crossingMarket, T0 } from "./test-market";
import { marketAtEvent } from "./state-at";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const market = crossingMarket;

beforeEach(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
});

describe("figures recomputed at a journal event (DISC-1)", () => {
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
