import { spawn } from "node:child_process";
import os from "node:os";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { fnv1a64 } from "../engine/index";
import { getHealth } from "../health";
import { createPrismaClient } from "../prisma-client";
import { freePort, startEmbeddedPostgres } from "../../scripts/db/embedded";
import { MIGRATIONS_DIR, REPO_ROOT } from "../../scripts/db/migrations";
import { acquireEngineLock, EngineAlreadyRunning, engineLockKey, type EngineLock } from "./engine-lock";
import { SimulationHost } from "./host";
import { EngineJournal } from "./journal";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const T0 = 1_767_225_600_000 + 86_400_000;
const clock = () => T0;
const refusal = `another engine is already running on this journal (schema ${database.schema}): stop it first`;
const noLoss = (error: Error) => {
  throw error;
};

beforeEach(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
});

const open = (options: Partial<Parameters<typeof SimulationHost.open>[0]> = {}) =>
  SimulationHost.open({ database, journal: new EngineJournal(prisma), clock, seed: 1, ...options });

describe("one engine per journal", () => {
  it("a second engine on the same journal refuses to start with a clear message; once the first stops, it starts", async () => {
    const first = await open();
    const commandsBefore = await prisma.engineCommand.count();
    await expect(open()).rejects.toThrow(refusal);
    await expect(open()).rejects.toBeInstanceOf(EngineAlreadyRunning);
    expect(await prisma.engineCommand.count(), "the refused engine wrote nothing").toBe(commandsBefore);
    // The first engine is unaffected.
    expect(await first.submit({ type: "CreateAccount", nowMs: 0, accountId: 1, kind: "client" })).toMatchObject({ accepted: true });
    await first.stop();
    const second = await open();
    expect(second.position()).toBe(first.position());
    await second.stop();
  });

  it("the refusal names the holder, and another schema of the same server is not blocked", async () => {
    const first = await open();
    const error = await refusedWith(open());
    expect(error.message.startsWith(refusal)).toBe(true);
    expect(error.message).toContain(`${process.pid}`);
    const other = await acquireEngineLock({ url: database.url, schema: `${database.schema}_other` }, noLoss);
    await other.release();
    await first.stop();
  });

  it("on a PostgreSQL server the lock is a session advisory lock on a dedicated connection, keyed by the schema", async (context) => {
    if (database.kind !== "postgres") return context.skip("the embedded database has one session for every connection (see the lease tests)");
    const lock = await acquireEngineLock(database, noLoss);
    expect(lock.kind).toBe("advisory");
    const key = BigInt.asUintN(64, engineLockKey(database.schema));
    const holders = await prisma.$queryRawUnsafe<Array<{ name: string }>>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid = $1::oid AND l.objid = $2::oid`,
      String(key >> 32n),
      String(key & 0xffffffffn),
    );
    expect(holders).toEqual([{ name: `perps engine ${process.pid}@${os.hostname()}` }]);
    expect(engineLockKey("a")).not.toBe(engineLockKey("b"));
    await lock.release();
    await lock.release();
  });

  it("when the lock's session dies the host stops rather than run unguarded, and a new host can take over", async (context) => {
    if (database.kind !== "postgres") return context.skip("needs a server that can end one session");
    const failures: Error[] = [];
    const host = await open({ onFailure: (error) => failures.push(error) });
    await prisma.$executeRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
      `perps engine ${process.pid}@${os.hostname()}`,
    );
    await expect.poll(() => failures.length, { timeout: 10_000 }).toBe(1);
    expect(failures[0].message).toMatch(/^lost the engine lock on the journal \(schema [a-z0-9_]+\): /);
    await expect(host.submit({ type: "Tick", nowMs: 0 })).rejects.toThrow(/lost the engine lock/);
    const next = await open();
    await next.stop();
    await host.stop();
  });

  it("a failed start surfaces the refusal in /api/health's engine reason", async () => {
    const first = await open();
    process.env.DATABASE_URL = database.url;
    process.env.DATABASE_SCHEMA = database.schema;
    process.env.ENGINE_MODE = "in-process";
    process.env.SIMULATION = "off";
    const { startEngineRuntime } = await import("./runtime");
    try {
      await expect(startEngineRuntime()).rejects.toThrow(refusal);
      const health = await getHealth(prisma, database.schema, MIGRATIONS_DIR);
      expect(health.engine).toMatchObject({ running: false });
      // Named plainly, without the holder's process and host (those are in the server log).
      expect(health.engine.running === false && health.engine.reason).toBe(
        "the engine failed to start: another engine is already running on this journal; stop it first (the server log names it)",
      );
    } finally {
      await first.stop();
    }
    // A later start is allowed and clears the reason.
    const runtime = await startEngineRuntime();
    expect((await getHealth(prisma, database.schema, MIGRATIONS_DIR)).engine).toMatchObject({ running: true, mode: "in-process" });
    await runtime.stop();
  });

  it("the standalone `npm run engine` refuses with the message and exits", async () => {
    const first = await open();
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/engine-process.ts"], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          DATABASE_SCHEMA: database.schema,
          ENGINE_PORT: String(await freePort()),
          AUTH_SECRET: "x".repeat(32),
          SIMULATION: "off",
          PORTAL_MODE: "demo",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(output).toContain(`Error: ${refusal}`);
      expect(code).toBe(1);
    } finally {
      await first.stop();
    }
  });
});

describe("the embedded database shares one session, so the lock is a lease there", () => {
  it("PGlite grants an advisory lock to every connection (checked), and the lease refuses a second engine instead", async () => {
    const embedded = await startEmbeddedPostgres({ port: await freePort() });
    const target = { url: embedded.url, schema: "public" };
    const refused = "another engine is already running on this journal (schema public): stop it first";
    const locks: EngineLock[] = [];
    try {
      // The caveat itself: two connections, one session, both "hold" the same advisory lock.
      const [a, b] = [new pg.Client({ connectionString: embedded.url }), new pg.Client({ connectionString: embedded.url })];
      await a.connect();
      await b.connect();
      const key = String(engineLockKey("caveat"));
      for (const client of [a, b]) expect((await client.query("SELECT pg_try_advisory_lock($1::bigint) AS got", [key])).rows[0].got).toBe(true);
      await a.end();
      await b.end();

      const first = await acquireEngineLock(target, noLoss);
      locks.push(first);
      expect(first.kind).toBe("lease");
      const error = await refusedWith(acquireEngineLock(target, noLoss));
      expect(error).toBeInstanceOf(EngineAlreadyRunning);
      expect(error.message).toMatch(
        new RegExp(`^${escape(refused)} \\(held by perps engine ${process.pid}@${escape(os.hostname())}; unless renewed, its lease lapses at \\d{4}-`),
      );
      // Another schema has its own lease.
      locks.push(await acquireEngineLock({ ...target, schema: "other" }, noLoss));
      await first.release();
      locks.push(await acquireEngineLock(target, noLoss));
    } finally {
      for (const lock of locks) await lock.release();
      await embedded.stop();
    }
  });

  it("a lease whose process (or host in this process) is gone, or that has lapsed, is taken over at once; a live one is not", async () => {
    const embedded = await startEmbeddedPostgres({ port: await freePort() });
    const target = { url: embedded.url, schema: "public" };
    const setting = `perps.engine_lease_${fnv1a64("public")}`;
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    const plant = (lease: object) => client.query("SELECT set_config($1, $2, false)", [setting, JSON.stringify(lease)]);
    const far = Date.now() + 600_000;
    const alive = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    const dead = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => dead.once("exit", resolve));
    try {
      await plant({ holder: "crashed", pid: dead.pid, host: os.hostname(), until: far });
      await (await acquireEngineLock(target, noLoss)).release();
      // Left by a host of this very process whose lock connection died (the runtime then restores a new host).
      await plant({ holder: "failed-host", pid: process.pid, host: os.hostname(), until: far });
      await (await acquireEngineLock(target, noLoss)).release();
      await plant({ holder: "old", pid: alive.pid, host: "elsewhere", until: Date.now() - 1_000 });
      await (await acquireEngineLock(target, noLoss)).release();
      await plant({ holder: "running", pid: alive.pid, host: os.hostname(), until: far });
      await expect(acquireEngineLock(target, noLoss)).rejects.toThrow(`held by perps engine ${alive.pid}@${os.hostname()}`);
    } finally {
      alive.kill();
      await client.end();
      await embedded.stop();
    }
  });
});

async function refusedWith(attempt: Promise<unknown>): Promise<Error> {
  const outcome = await attempt.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error("expected a refusal");
  return outcome;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
