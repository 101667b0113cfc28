import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/prisma/generated/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import packageJson from "@/package.json";

export interface Health {
  status: "ok" | "unavailable";
  db: "embedded" | "postgres" | "unreachable";
  version: string;
  migrations: { applied: number; latest: string | null; pending: number } | null;
  reason?: string;
}

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
      ...(pending === 0 ? {} : { reason: `${pending} migration(s) not applied; run npm run db:migrate` }),
    };
  } catch (error) {
    return {
      status: "unavailable",
      db: "unreachable",
      version,
      migrations: null,
      reason: `database unreachable: ${describe(error)}`,
    };
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
  return message.split("\n").find((line) => line.trim() !== "")?.trim() ?? "unknown error";
}
