import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../scripts/db/migrations";
import { testDatabase } from "../../../test/database";
import { apply, restore, stateHash } from "../../engine/index";
import { createPrismaClient } from "../../prisma-client";
import { SimulationHost } from "../../simulation/host";
import { EngineJournal } from "../../simulation/journal";
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

const HOT_MS = 20_000;

/** Run the archiver loop in a child process; kill it with SIGKILL when `killWhen` says so (or let it finish). */
function runArchiver(dir: string, killWhen: (line: string, elapsedMs: number) => boolean, killAfterMs?: number): Promise<{ killed: boolean; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/journal-archive-loop.ts", String(HOT_MS)], {
      cwd: REPO_ROOT,

      env: { ...process.env, DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema, JOURNAL_ARCHIVE_DIR: dir, PORTAL_MODE: "demo" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const started = Date.now();
    const lines: string[] = [];
    let killed = false;
    let stderr = "";
    const kill = () => {
      if (killed || child.exitCode !== null) return;
      killed = true;
      child.kill("SIGKILL");
    };
    const timer = killAfterMs === undefined ? undefined : setTimeout(kill, killAfterMs);
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const parts = buffer.split("\n");
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (killWhen(line, Date.now() - started)) kill();
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === "SIGKILL" && killed) resolve({ killed: true, lines });
      else if (code === 0) resolve({ killed: false, lines });
      else reject(new Error(`archiver child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

/** Every journal position and event is in exactly one place: the hot tables or an indexed segment. */
async function assertExactlyOnce(head: { position: number; lastEventSeq: number }) {
  const segments = await prisma.journalSegment.findMany({
    orderBy: { fromPosition: "asc" },
    select: { fromPosition: true, toPosition: true, fromSeq: true, toSeq: true },
  });
  const positions = new Uint8Array(head.position + 1);
  const seqs = new Uint8Array(head.lastEventSeq + 1);
  for (const segment of segments) {
    for (let p = Number(segment.fromPosition); p <= Number(segment.toPosition); p++) positions[p]++;
    for (let s = Number(segment.fromSeq); s <= Number(segment.toSeq); s++) seqs[s]++;
  }
  for (const row of await prisma.engineCommand.findMany({ select: { position: true } })) positions[Number(row.position)]++;
  // The rare event types stay in the table beside their segment (ARCHIVED_EVENT_TYPES): count only the bulk ones there.
  const bulk = new Set<string>(ARCHIVED_EVENT_TYPES);
  const inSegment = (seq: number) => segments.some((segment) => seq >= Number(segment.fromSeq) && seq <= Number(segment.toSeq));
  for (const row of await prisma.engineEvent.findMany({ select: { seq: true, type: true } })) {
    if (bulk.has(row.type) || !inSegment(Number(row.seq))) seqs[Number(row.seq)]++;
  }
  const badPosition = positions.findIndex((count, p) => p > 0 && count !== 1);
  expect(badPosition, `position ${badPosition} is in ${positions[badPosition]} places`).toBe(-1);
  const badSeq = seqs.findIndex((count, s) => s > 0 && count !== 1);
  expect(badSeq, `event ${badSeq} is in ${seqs[badSeq]} places`).toBe(-1);
  // Each segment's end snapshot (the next one's start) is still readable, from the tables or the next file.
  const last = segments.at(-1);
  if (last) expect(await prisma.engineSnapshot.count({ where: { position: last.toPosition } })).toBe(1);
  return segments.length;
}

describe("journal archiver under SIGKILL (REC-1, REC-2)", () => {
  it("REC-1: killed at random moments, a restarted archiver continues and no position is lost or doubled", async () => {
    const table = (name: string) => `"${database.schema}"."${name}"`;
    await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("JournalSegment")}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-archive-crash-"));
    let now = T0;
    const journal = new EngineJournal(prisma, { archiveDir: dir });
    const host = await SimulationHost.open({ database, journal, clock: () => now, seed: 23, simulation: crossingMarket, snapshotEveryCommands: 150 });
    for (let i = 0; i < 300; i++) {
      now += 1_000;
      await host.step();
    }
    const liveHash = host.hash();
    await host.stop();
    const head = await journal.head();

    // Kill points: when the file has been written, when it has been proved, right after the commit,
    // and at random times (inside reads, the write, the transaction or the VACUUM).
    const moments = ["step file-written", "step verified", "step committed"];
    let kills = 0;
    let rounds = 0;
    let seed = 20_261_206;
    const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    for (; rounds < 9; rounds++) {
      const moment = rounds % 4 < 3 ? moments[rounds % 4] : undefined;
      const outcome = await runArchiver(dir, (line) => line === moment, moment ? undefined : 300 + Math.floor(random() * 1_500));
      if (outcome.killed) kills++;
      const archived = await assertExactlyOnce(head);
      const verified = await verifyArchive(prisma, dir);
      expect(verified.problem, `round ${rounds}`).toBeNull();
      expect(verified.segments).toBe(archived);
      if (!outcome.killed) break;
    }
    expect(kills, "the archiver was really killed mid-run").toBeGreaterThanOrEqual(4);

    // Restarted without a kill, it finishes the work; leftovers of killed runs are overwritten or inert.
    const finished = await runArchiver(dir, () => false);
    expect(finished.lines.at(-1)).toBe("idle");
    const segments = await assertExactlyOnce(head);
    expect(segments).toBeGreaterThan(5);
    expect(await archiveOnce(prisma, journal, { dir, hotMs: HOT_MS, ignoreCursors: true })).toEqual([]);
    const verified = await verifyArchive(prisma, dir, { replay: true });
    expect(verified.problem).toBeNull();
    const indexed = new Set((await prisma.journalSegment.findMany({ select: { file: true } })).map((row) => row.file));
    for (const file of fs.readdirSync(dir))
      if (!file.endsWith(".tmp")) expect(indexed.has(file), `${file} is indexed (an orphan would have been overwritten)`).toBe(true);

    // The whole journal still replays from genesis to the live state.
    const engine = restore((await journal.genesis())!.snapshot);
    for await (const row of journal.commandsAfter(0)) expect(apply(engine, row.command).rejection).toBeUndefined();
    expect(stateHash(engine)).toBe(liveHash);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
