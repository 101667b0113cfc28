import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/prisma/generated/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { EngineAlreadyRunning } from "@/lib/simulation/engine-lock";
import { currentEngineRuntime } from "@/lib/simulation/runtime";
import type { EngineStatus, Health } from "@/lib/wire/health";
import packageJson from "@/package.json";

/**
 * What is running, read from the live database: which PostgreSQL answers (PGlite identifies itself
 * in version()), and how many migrations are applied versus present in prisma/migrations.
 */
export async function getHealth(
  client: Pick<PrismaClient, "$queryRawUnsafe"> = db(),
  schema: string = env().DATABASE_SCHEMA,
  migrationsDir: string = path.join(process.cwd(), "prisma/migrations"),
): Promise<Health> {
  const version = packageJson.version;
  const engine = await engineStatus();
  try {
    const [{ version: serverVersion }] = await client.$queryRawUnsafe<{ version: string }[]>("SELECT version() AS version");
    // schema is validated as a plain identifier by lib/env.ts, so quoting it is enough here.
    const applied = await client.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "${schema}"."_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const appliedNames = new Set(applied.map((row) => row.migration_name));
    const onDisk = listMigrationNames(migrationsDir);
    const pending = onDisk.filter((name) => !appliedNames.has(name)).length;
    return {
      status: pending === 0 ? "ok" : "unavailable",
      db: /PGlite/i.test(serverVersion) ? "embedded" : "postgres",
      version,
      migrations: { applied: appliedNames.size, latest: applied.at(-1)?.migration_name ?? null, pending },
      engine,
      ...(pending === 0 ? {} : { reason: `${pending} migration(s) not applied; run npm run db:migrate` }),
    };
  } catch (error) {
    // The driver's words (host, port, Prisma's invocation text) are for the operator's log, not for
    // an anonymous caller of /api/health.
    console.error(`health: database unreachable: ${describe(error)}`);
    return {
      status: "unavailable",
      db: "unreachable",
      version,
      migrations: null,
      engine,
      reason: "database unreachable",
    };
  }
}

async function engineStatus(): Promise<EngineStatus> {
  const starting = currentEngineRuntime();
  if (!starting) return { running: false, reason: `no engine in this process (ENGINE_MODE=${env().ENGINE_MODE})` };
  try {
    const runtime = await starting;
    const snapshots = runtime.feed.markets().map((market) => runtime.feed.snapshot(market));
    const lastEventSeq = Math.max(0, ...snapshots.map((snapshot) => snapshot?.id ?? 0));
    const host = runtime.host;
    return {
      running: true,
      mode: runtime.mode,
      position: host ? host.position() : null,
      lastEventSeq,
      simulatedAtMs: host ? host.state.now : Math.max(0, ...snapshots.map((snapshot) => snapshot?.atMs ?? 0)) || null,
    };
  } catch (error) {
    console.error(`health: the engine failed to start: ${describe(error)}`);
    // The one start failure an operator fixes from outside, named; which process holds it stays in the log.
    if (error instanceof EngineAlreadyRunning)
      return {
        running: false,
        reason: "the engine failed to start: another engine is already running on this journal; stop it first (the server log names it)",
      };
    return { running: false, reason: "the engine failed to start (the reason is in the server log)" };
  }
}

function listMigrationNames(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Prisma wraps driver errors in long multi-line messages; the first line names the cause.
  return (
    message
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? "unknown error"
  );
}
