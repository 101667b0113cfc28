/**
 * pg-boss's schema for the portal's DATABASE_SCHEMA: beside it and named after it, so each test
 * schema (and each deployment sharing a server) has its own queue, and dropping the portal's schema
 * (scripts/db/migrations.ts dropSchema, test teardown of `<schema>_*`) drops it too.
 */
export function jobsSchemaFor(databaseSchema: string): string {
  return `${databaseSchema.slice(0, 50)}_jobs`;
}
