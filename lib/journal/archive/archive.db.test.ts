import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { apply, canonicalHash, canonicalJson, createEngine, parseSnapshot, restore, snapshot, stateHash, type EngineEvent } from "../../engine/index";
import { orderIdHistory, T0 as HISTORY_T0 } from "../../engine/test-helpers";
import { REPO_ROOT } from "../../../scripts/db/migrations";
import { createPrismaClient } from "../../prisma-client";
import { SimulationHost } from "../../simulation/host";
import { EngineJournal } from "../../simulation/journal";
import { marketAtEvent } from "../../simulation/state-at";
import { crossingMarket, T0 } from "../../simulation/test-market";
import { ARCHIVED_EVENT_TYPES, archiveOnce } from "./archiver";
import { verifyArchive } from "./verify";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
// Other files on this worker's schema clear only the hot tables: leave no archive index behind for them.
afterAll(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("JournalSegment")}`);
  await prisma.$disconnect();
});

async function emptyJournal() {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("JournalSegment")}`);
}

beforeEach(emptyJournal);

const STEP_MS = 1_000;
/** The hot window: 20 simulated seconds (about 120 commands), so most of the run is archived. */
const HOT_MS = 20 * STEP_MS;

/** A host run with the live events it emitted and the state hash after each step. */
async function runHost(steps: number, dir: string) {
  let now = T0;
  const journal = new EngineJournal(prisma, { archiveDir: dir });
  const live: EngineEvent[] = [];
  const points: Array<{ seq: number; hash: string; position: number }> = [];
  const host = await SimulationHost.open({
    database,
    journal,
    clock: () => now,
    seed: 17,
    simulation: crossingMarket,
    snapshotEveryCommands: 200,
    publish: (_messages, batch) => {
      for (const entry of batch.entries) live.push(...entry.events);
    },
  });
  for (let i = 0; i < steps; i++) {
    now += STEP_MS;
    await host.step();
    points.push({ seq: host.state.seq, hash: host.hash(), position: host.position() });
  }
  return { host, journal, live, points, clock: () => now };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "journal-archive-"));
}

describe("engine journal archive (REC-1, REC-2)", () => {
  it("REC-1: archived segments keep the journal whole: restart, replay from genesis, events and state-at over archived ranges", async () => {
    const dir = tempDir();
    const { host, journal, live, points } = await runHost(260, dir);
    const liveHash = host.hash();
    const livePosition = host.position();
    const commandsBefore = await prisma.engineCommand.count();

    // A journal consumer that has not read the range yet holds it in the tables.
    await prisma.journalCursor.upsert({ where: { name: "archive-test" }, create: { name: "archive-test", seq: 0n }, update: { seq: 0n } });
    const waits: string[] = [];
    expect(await archiveOnce(prisma, journal, { dir, hotMs: HOT_MS, maxSegments: 100, log: (line) => waits.push(line) })).toEqual([]);
    expect(waits.join("\n")).toMatch(/wait for the journal consumer/);
    await prisma.journalCursor.delete({ where: { name: "archive-test" } });

    // Archiving runs beside the live host.
    const archived = await archiveOnce(prisma, journal, { dir, hotMs: HOT_MS, maxSegments: 100, ignoreCursors: true });
    expect(archived.length, "several snapshot intervals were old enough").toBeGreaterThan(3);
    await host.stop();
    const segments = await prisma.journalSegment.findMany({ orderBy: { fromPosition: "asc" } });
    expect(segments.map((s) => s.file)).toEqual(archived.map((s) => s.file));
    expect(fs.readdirSync(dir).sort()).toEqual(archived.map((s) => s.file).sort());
    expect(Number(segments[0].fromPosition)).toBe(1);
    // The tables shrank to the hot window; the genesis image and the last segment's end snapshot stay.
    const hot = await prisma.engineCommand.count();
    expect(hot).toBeLessThan(commandsBefore - 600);
    expect(await prisma.engineCommand.count({ where: { position: { lte: segments.at(-1)!.toPosition } } })).toBe(0);
    // Only the bulk event types leave the table; the rare ones stay for the readers that fold them over all history.
    expect(await prisma.engineEvent.count({ where: { seq: { lte: segments.at(-1)!.toSeq }, type: { in: [...ARCHIVED_EVENT_TYPES] } } })).toBe(0);
    const kept = await prisma.engineEvent.findMany({ where: { seq: { lte: segments.at(-1)!.toSeq } }, select: { type: true } });
    expect(kept.length, "the bootstrap's account and deposit events are kept").toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(50);
    const snapshotPositions = (await prisma.engineSnapshot.findMany({ select: { position: true } })).map((row) => row.position);
    expect(snapshotPositions).toContain(0n);
    expect(snapshotPositions).toContain(segments.at(-1)!.toPosition);
    for (const segment of segments.slice(1)) expect(snapshotPositions).not.toContain(segment.fromPosition - 1n);
    // Another run finds nothing more to do until the journal grows.
    expect(await archiveOnce(prisma, journal, { dir, hotMs: HOT_MS, maxSegments: 100, ignoreCursors: true })).toEqual([]);

    // (a) A restarted host restores to the same state.
    const reader = new EngineJournal(prisma, { archiveDir: dir });
    const reopened = await SimulationHost.open({
      database,
      journal: reader,
      clock: () => T0 + 10_000_000,
      seed: 17,
      simulation: crossingMarket,
      snapshotEveryCommands: 200,
    });
    expect(reopened.position()).toBe(livePosition);
    expect(reopened.hash()).toBe(liveHash);
    await reopened.stop();

    // (b) Genesis plus every command, archived then hot, replays to the live hash.
    const genesis = await reader.genesis();
    expect(genesis?.position).toBe(0);
    const engine = restore(genesis!.snapshot);
    let expected = 1;
    for await (const row of reader.commandsAfter(0, { pageSize: 97 })) {
      expect(row.position).toBe(expected++);
      expect(apply(engine, row.command).rejection).toBeUndefined();
    }
    expect(engine.commandCount).toBe(livePosition);
    expect(stateHash(engine)).toBe(liveHash);
    // A window that starts and ends inside archived segments.
    const inside = [];
    for await (const row of reader.commandsAfter(150, { through: 450 })) inside.push(row.position);
    expect(inside).toEqual(Array.from({ length: 300 }, (_, i) => 151 + i));

    // (c) Events over archived and hot ranges equal what the host emitted live.
    const lastSeq = live.at(-1)!.seq;
    const all = await reader.eventsBetween(1, lastSeq);
    expect(all.length).toBe(live.length);
    expect(all.map((event) => canonicalJson(event))).toEqual(live.map((event) => canonicalJson(event)));
    const middle = await reader.eventsBetween(Number(segments[1].fromSeq) + 3, Number(segments[2].toSeq) + 5);
    expect(middle.map((event) => canonicalJson(event))).toEqual(
      live.filter((event) => event.seq >= Number(segments[1].fromSeq) + 3 && event.seq <= Number(segments[2].toSeq) + 5).map((event) => canonicalJson(event)),
    );
    const after = await reader.eventsAfter(10, { market: "BTC-PERP", limit: 50 });
    expect(after.map((event) => canonicalJson(event))).toEqual(
      live
        .filter((event) => event.seq > 10 && (event as { market?: string }).market === "BTC-PERP")
        .slice(0, 50)
        .map((event) => canonicalJson(event)),
    );
    expect(await reader.head()).toEqual({ position: livePosition, lastEventSeq: lastSeq });
    // Positions, command times and time lookups across the archive boundary agree with the live run.
    const records = await reader.recordsBetween(Number(segments[0].toSeq) - 2, Number(segments[0].toSeq) + 2);
    for (const record of records) expect(record.position).toBe(await reader.positionOfEvent(record.event.seq));
    expect(records.map((record) => record.event.seq)).toEqual([0, 1, 2, 3, 4].map((i) => Number(segments[0].toSeq) - 2 + i));
    const liveBySeq = new Map(live.map((event) => [event.seq, event]));
    const probe = live.find((event) => event.seq > Number(segments[1].fromSeq) + 20)!;
    expect(await reader.firstSeqAtOrAfter(probe.nowMs)).toBe(live.find((event) => event.nowMs >= probe.nowMs)!.seq);
    const hotProbe = live.at(-5)!;
    expect(await reader.firstSeqAtOrAfter(hotProbe.nowMs)).toBe(live.find((event) => event.nowMs >= hotProbe.nowMs)!.seq);
    const commands = await reader.commandsAt([Number(segments[1].fromPosition) + 7, livePosition]);
    const archivedCommand = commands.get(Number(segments[1].fromPosition) + 7)!;
    expect(archivedCommand).toBeDefined();
    if (archivedCommand.firstEventSeq !== null) {
      const recordsOfCommand = await reader.recordsBetween(archivedCommand.firstEventSeq, archivedCommand.lastEventSeq!);
      expect(new Set(recordsOfCommand.map((record) => record.position))).toEqual(new Set([Number(segments[1].fromPosition) + 7]));
      expect(liveBySeq.get(archivedCommand.firstEventSeq)!.nowMs).toBe(archivedCommand.nowMs);
    }
    expect(commands.get(livePosition)?.lastEventSeq).toBe(lastSeq);
    // A reader that folds a rare type over all history still finds it in the table (deposit notices here).
    expect([...(await reader.depositNoticeTimes(["seed-1", "seed-4"])).keys()].sort()).toEqual(["seed-1", "seed-4"]);

    // (e) Historical state at an event inside an archived segment, from the segment's start snapshot.
    const point = points.find((p) => p.position > Number(segments[1].fromPosition) + 10 && p.position < Number(segments[1].toPosition))!;
    expect(point).toBeDefined();
    expect(await reader.positionOfEvent(point.seq)).toBe(point.position);
    const at = await marketAtEvent(reader, "BTC-PERP", point.seq);
    expect(at?.stateHash).toBe(point.hash);
    const snapshotsListed = await reader.snapshotPositionsAfter(-1);
    expect(snapshotsListed).toEqual(expect.arrayContaining(segments.map((s) => Number(s.fromPosition) - 1)));

    const verified = await verifyArchive(prisma, dir, { replay: true });
    expect(verified.problem).toBeNull();
    expect(verified.segments).toBe(segments.length);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("REC-2: a missing or altered segment file is detected and named by every reader and by the verifier", async () => {
    const dir = tempDir();
    const { host, journal } = await runHost(200, dir);
    const archived = await archiveOnce(prisma, journal, { dir, hotMs: HOT_MS, maxSegments: 100, ignoreCursors: true });
    await host.stop();
    expect(archived.length).toBeGreaterThan(2);
    const victim = archived[1];
    const file = path.join(dir, victim.file);
    const original = fs.readFileSync(file);

    // One byte flipped in the middle of the file.
    const altered = Buffer.from(original);
    altered[altered.length >> 1] ^= 0x01;
    fs.writeFileSync(file, altered);
    const reader = new EngineJournal(prisma, { archiveDir: dir });
    const sha = new RegExp(`journal segment ${victim.file.replace(/\./g, "\\.")} does not match its recorded SHA-256`);
    await expect(collect(reader.commandsAfter(0))).rejects.toThrow(sha);
    await expect(reader.eventsBetween(1, 10_000_000)).rejects.toThrow(sha);
    await expect(reader.snapshotAt(victim.fromPosition - 1)).rejects.toThrow(sha);
    const flipped = await verifyArchive(prisma, dir);
    expect(flipped.problem?.file).toBe(victim.file);
    expect(flipped.segments).toBe(1);

    // The file gone.
    fs.rmSync(file);
    await expect(collect(reader.commandsAfter(0))).rejects.toThrow(new RegExp(`journal segment ${victim.file.replace(/\./g, "\\.")} is missing`));
    expect((await verifyArchive(prisma, dir)).problem?.message).toMatch(/is missing/);

    // A forged index row (the chain link) is named too, even with the file restored.
    fs.writeFileSync(file, original);
    expect((await verifyArchive(prisma, dir, { replay: true })).problem).toBeNull();
    await prisma.journalSegment.update({ where: { fromPosition: BigInt(archived[2].fromPosition) }, data: { prevSha256: "0".repeat(64) } });
    const forged = await verifyArchive(prisma, dir);
    expect(forged.problem?.file).toBe(archived[2].file);
    await expect(collect(reader.commandsAfter(archived[2].fromPosition - 1))).rejects.toThrow(/records previous SHA-256/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("engine journal archive over an earlier version's snapshots (REC-1)", () => {
  it("REC-1: a version 2 snapshot (recorded by its own canonical hash) ends one segment and starts the next, and both verify by replay", async () => {
    const dir = tempDir();
    const text = fs.readFileSync(path.join(REPO_ROOT, "lib/engine/fixtures/snapshot-v2.json"), "utf8").trim();
    const legacy = parseSnapshot(text);
    expect(legacy.version).toBe(2);
    const journal = new EngineJournal(prisma, { archiveDir: dir });
    const live = createEngine(restore(legacy).config, HISTORY_T0);
    await journal.saveSnapshot(snapshot(live), stateHash(live), { maxOrderId: 0 });
    for (const command of orderIdHistory()) {
      const { events, rejection } = apply(live, command);
      expect(rejection).toBeUndefined();
      await journal.append([{ position: live.commandCount, source: "bootstrap", command, events }]);
    }
    await prisma.engineSnapshot.create({
      data: {
        position: BigInt(legacy.commandCount),
        lastEventSeq: BigInt(legacy.seq),
        stateHash: canonicalHash(legacy),
        state: JSON.stringify({ engine: text, host: { maxOrderId: 100_040 } }),
      },
    });
    let now = Math.max(HISTORY_T0, live.now) + 5_000;
    const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 1 });
    const sell = (orderId: number) => ({
      type: "PlaceOrder" as const,
      nowMs: 0,
      accountId: 2,
      orderId,
      market: "BTC-PERP",
      side: "sell" as const,
      orderType: "limit" as const,
      price: 700_000,
      size: 1,
      tif: "GTC" as const,
    });
    expect(await host.submit(sell(host.allocateOrderId()))).toMatchObject({ accepted: true });
    await host.checkpoint();
    now += 60_000;
    expect(await host.submit(sell(host.allocateOrderId()))).toMatchObject({ accepted: true });
    const liveHash = host.hash();
    await host.stop();

    const archived = await archiveOnce(prisma, journal, { dir, hotMs: 10_000, maxSegments: 10, ignoreCursors: true });
    expect(archived.map((segment) => segment.toPosition)).toEqual([legacy.commandCount, legacy.commandCount + 1]);
    expect((await verifyArchive(prisma, dir, { replay: true })).problem).toBeNull();
    const engine = restore((await journal.genesis())!.snapshot);
    for await (const row of journal.commandsAfter(0)) expect(apply(engine, row.command).rejection).toBeUndefined();
    expect(stateHash(engine)).toBe(liveHash);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}
