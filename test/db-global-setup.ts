import pg from "pg";
import type { TestProject } from "vitest/node";
import { env } from "../lib/env";
import { freePort, startEmbeddedPostgres } from "../scripts/db/embedded";
import { applyMigrations, type DatabaseTarget } from "../scripts/db/migrations";
import { createPrismaClient } from "../lib/prisma-client";
import { ensureReferenceData } from "../prisma/reference-data";

/**
 * Database tests run against a real PostgreSQL: DATABASE_URL when set, else a throwaway in-memory
 * embedded one. On a server each Vitest worker of the db project gets its own schema
 * (`test_<pid>_<stamp>_w<N>`), all migrated up front, concurrently, by the same code `npm start`
 * uses: files run in parallel and never see each other's data, and runs never see each other's.
 * test/database.ts hands a file its worker's schema.
 */
export default async function setup(project: TestProject) {
  const config = env();
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres({ port: await freePort() });
  const url = config.DATABASE_URL ?? embedded!.url;
  // A private in-memory PGlite is itself a throwaway database; PGlite multiplexes every connection
  // onto one session and ignores per-connection search_path, so it is used with "public", and the
  // db project runs its files one at a time there (vitest.config.ts).
  const base = `test_${process.pid}_${Date.now().toString(36)}`;
  const workers = embedded ? 1 : Math.max(1, project.config.maxWorkers || 1);
  const schemas = embedded ? ["public"] : Array.from({ length: workers }, (_, i) => `${base}_w${i + 1}`);
  const teardown = async () => {
    // Drops the worker schemas and whatever a test derived from them (scripts/crash.db.test.ts uses `<schema>_crash`).
    if (!embedded) await dropSchemasLike(url, base).catch(() => {});
    await embedded?.stop();
  };
  try {
    await Promise.all(schemas.map((schema) => prepare({ url, schema })));
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("databases", { url, kind: embedded ? "embedded" : "postgres", schemas });
  return teardown;
}

async function prepare(target: DatabaseTarget) {
  await applyMigrations(target);
  const prisma = createPrismaClient(target.url, target.schema);
  await ensureReferenceData(prisma).finally(() => prisma.$disconnect());
}

/** DROP SCHEMA … CASCADE for every schema named `<base>` or `<base>_…`. */
async function dropSchemasLike(url: string, base: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname = $1 OR starts_with(nspname, $1 || '_')", [
      base,
    ]);
    for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}
