import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createPrismaClient } from "../prisma-client";
import { SimulationHost } from "./host";
import { EngineJournal } from "./journal";
import { crossingMarket, T0 } from "./test-market";
import { marketAtEvent } from "./state-at";
import { StateAtQueue, StateAtRefusal } from "./state-at-queue";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const journal = new EngineJournal(prisma);
const queues: StateAtQueue[] = [];
const queue = (options: Partial<ConstructorParameters<typeof StateAtQueue>[0]> = {}) => {
  const created = new StateAtQueue({ journal, database, ...options });
  queues.push(created);
  return created;
};

const market = crossingMarket;

/** Events of the journal by the snapshot interval their command falls in. */
let intervals: number[][] = [];

beforeAll(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
  let now = T0;
  const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 9, simulation: market, snapshotEveryCommands: 60 });
  for (let i = 0; i < 40; i++) {
    now += 1_000;
    await host.step();
  }
  await host.stop();
  const snapshots = (await prisma.engineSnapshot.findMany({ select: { position: true }, orderBy: { position: "asc" } })).map((row) => Number(row.position));
  const events = await prisma.engineEvent.findMany({ select: { seq: true, position: true }, orderBy: { seq: "asc" } });
  intervals = snapshots.map((base, i) =>
    events
      .filter((event) => Number(event.position) > base && (i + 1 === snapshots.length || Number(event.position) < snapshots[i + 1]))
      .map((event) => Number(event.seq)),
  );
  expect(intervals.filter((seqs) => seqs.length > 20).length, "several snapshot intervals with events to ask about").toBeGreaterThan(2);
});

afterAll(async () => {
  await Promise.all(queues.map((created) => created.close()));
  await prisma.$disconnect();
});

describe("historical state off the event loop", () => {
  it("concurrent identical queries share one replay and the answer is then kept; it is the engine's own", async () => {
    const history = queue();
    const seq = intervals[1][intervals[1].length - 1];
    const answers = await Promise.all(Array.from({ length: 10 }, () => history.marketAt("BTC-PERP", seq)));
    expect(history.stats).toMatchObject({ requests: 10, joined: 9, jobs: 1, replayedTargets: 1 });
    const expected = await marketAtEvent(journal, "BTC-PERP", seq);
    expect(expected).not.toBeNull();
    for (const answer of answers) expect(answer).toEqual(expected);

    expect(await history.marketAt("BTC-PERP", seq)).toEqual(expected);
    expect(history.stats).toMatchObject({ cacheHits: 1, jobs: 1 });
  });

  it("distinct queries of one snapshot interval are answered by one pass, each with the figures at its own seq", async () => {
    const history = queue();
    // Two intervals, visited out of order, so the batches have to be grouped and sorted.
    const seqs = [...intervals[2].filter((_, i) => i % 3 === 0).slice(0, 8), ...intervals[1].filter((_, i) => i % 4 === 1).slice(0, 8)].reverse();
    const answers = await Promise.all(seqs.map((seq) => history.marketAt("BTC-PERP", seq)));
    // Queries that arrive together are looked up together and go out together: one job per interval.
    expect(history.stats.jobs).toBe(2);
    expect(history.stats.replayedTargets).toBe(seqs.length);
    for (const [i, seq] of seqs.entries()) {
      const expected = await marketAtEvent(journal, "BTC-PERP", seq);
      expect(answers[i], `seq ${seq}`).toEqual(expected);
    }
    expect(new Set(answers.map((answer) => answer?.stateHash)).size, "the seqs really stand at different states").toBeGreaterThan(10);
  });

  it("an event that does not exist, or a market the engine does not have, is answered with null", async () => {
    const history = queue();
    const last = intervals.flat().at(-1)!;
    expect(await history.marketAt("BTC-PERP", last + 1_000)).toBeNull();
    expect(await history.marketAt("NOPE-PERP", last)).toBeNull();
  });

  it("a query more than the replay ceiling after its snapshot is refused, naming the distance and the ceiling", async () => {
    const history = queue({ maxReplayCommands: 5 });
    const seq = intervals[1][intervals[1].length - 1];
    const refusal = await history.marketAt("BTC-PERP", seq).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StateAtRefusal);
    expect(refusal).toMatchObject({ kind: "too-far", retryAfterSeconds: undefined });
    expect((refusal as Error).message).toMatch(/^event \d+ lies \d+ journal commands after the nearest stored snapshot; this server recomputes at most 5$/);
    expect(history.stats.jobs).toBe(0);
  });

  it("beyond the waiting limit a query is refused at once with a retry time, and those admitted are still answered", async () => {
    const history = queue({ maxWaiting: 2 });
    const seqs = intervals[3].slice(0, 4);
    const outcomes = await Promise.allSettled(seqs.map((seq) => history.marketAt("BTC-PERP", seq)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected"]);
    for (const outcome of outcomes.slice(2)) {
      const reason = (outcome as PromiseRejectedResult).reason as StateAtRefusal;
      expect(reason).toMatchObject({ kind: "busy", retryAfterSeconds: 5 });
      expect(reason.message).toBe("historical recomputation is busy: 2 queries are already waiting (at most 2); retry in 5 s");
    }
    // Once the queue has drained, the refused ones are admitted.
    expect(await history.marketAt("BTC-PERP", seqs[3])).toEqual(await marketAtEvent(journal, "BTC-PERP", seqs[3]));
  });

  it("a recomputation running past its time limit is stopped and its queries refused", async () => {
    // 1 ms: no replay (not even the worker's start) fits, so the limit is what answers.
    const history = queue({ jobTimeoutMs: 1 });
    const refusal = await history.marketAt("BTC-PERP", intervals[2][0]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StateAtRefusal);
    expect(refusal).toMatchObject({
      kind: "timeout",
      retryAfterSeconds: 5,
      message: "historical recomputation took longer than 0.001 s and was stopped; retry later",
    });
  });
});
