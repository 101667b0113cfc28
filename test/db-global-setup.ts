import type { TestProject } from "vitest/node";
import { env } from "../lib/env";
import { freePort, startEmbeddedPostgres } from "../scripts/db/embedded";
import { applyMigrations, dropSchema, type DatabaseTarget } from "../scripts/db/migrations";
import { createPrismaClient } from "../lib/prisma-client";
import { ensureReferenceData } from "../prisma/reference-data";

declare module "vitest" {
  export interface ProvidedContext {
    database: DatabaseTarget & { kind: "embedded" | "postgres" };
  }
}

/**
 * Database tests run against a real PostgreSQL: DATABASE_URL when set, else a throwaway in-memory
 * embedded one. Each run gets its own schema, migrated by the same code `npm start` uses, so runs
 * never see each other's data.
 */
export default async function setup(project: TestProject) {
  const config = env();
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres({ port: await freePort() });
  const url = config.DATABASE_URL ?? embedded!.url;
  // A private in-memory PGlite is itself a throwaway database; PGlite multiplexes every connection
  // onto one session and ignores per-connection search_path, so it is used with "public".
  const target = { url, schema: embedded ? "public" : `test_${process.pid}_${Date.now().toString(36)}` };
  await applyMigrations(target);
  const prisma = createPrismaClient(target.url, target.schema);
  await ensureReferenceData(prisma).finally(() => prisma.$disconnect());
  project.provide("database", { ...target, kind: embedded ? "embedded" : "postgres" });
  return async () => {
    await dropSchema(target).catch(() => {});
    await embedded?.stop();
  };
}
