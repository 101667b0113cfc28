import { createPrismaClient } from "@/lib/prisma-client";
import { testDatabase } from "./database";

/**
 * For a test of the engine runtime as the portal starts it: startEngineRuntime and db() read the
 * environment, not arguments, so this points the environment at the calling file's schema (engine
 * only, no simulated market) and returns a client on that schema. Call once, at module level, before
 * anything reads the environment.
 */
export function engineRuntimeTestDatabase() {
  const database = testDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_SCHEMA = database.schema;
  process.env.SIMULATION = "off";
  const prisma = createPrismaClient(database.url, database.schema);
  /** Empties the engine journal, so the runtime starts from the beginning as on a new database. */
  const clearJournal = async () => {
    const table = (name: string) => `"${database.schema}"."${name}"`;
    await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
  };
  return { database, prisma, clearJournal };
}

/** The promise's value, or a rejection naming what never settled: a hang fails the test with a reason instead of timing it out. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
