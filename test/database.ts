import { inject } from "vitest";
import type { DatabaseTarget } from "../scripts/db/migrations";

export type TestDatabase = DatabaseTarget & { kind: "embedded" | "postgres" };

declare module "vitest" {
  export interface ProvidedContext {
    /** One schema per worker of the db project, in VITEST_POOL_ID order (see test/db-global-setup.ts). */
    databases: { url: string; kind: TestDatabase["kind"]; schemas: string[] };
  }
}

/**
 * The database of the test file calling it: the schema its Vitest worker owns. Vitest numbers the
 * workers running at the same time 1…maxWorkers (VITEST_POOL_ID); the global setup migrated one
 * schema per number, so files running in parallel never share a schema, and files that follow each
 * other on one worker share it as they shared the single schema before.
 */
export function testDatabase(): TestDatabase {
  const { url, kind, schemas } = inject("databases");
  const id = Number(process.env.VITEST_POOL_ID ?? "1");
  const schema = schemas[id - 1];
  if (!schema)
    throw new Error(`VITEST_POOL_ID ${process.env.VITEST_POOL_ID} has no test schema: the global setup made ${schemas.length} (the db project's maxWorkers)`);
  return { url, schema, kind };
}
