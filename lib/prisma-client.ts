import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../prisma/generated/client";

/**
 * How every Prisma client is made, for the app (lib/db.ts) and for tooling that runs outside Next
 * (seed, tests). The same pg driver adapter serves the embedded PostgreSQL (PGlite over the wire
 * protocol) and a PostgreSQL server, so there is one code path for both.
 */
export function createPrismaClient(connectionString: string, schema: string): PrismaClient {
  const adapter = new PrismaPg(
    // A short connect timeout lets /api/health answer 503 promptly when the database is down.
    // search_path lets the few hand-written statements (bulk inserts with unnest) name tables without
    // their schema; Prisma's own queries qualify them anyway. The embedded server has one schema
    // (public) and ignores the option.
    { connectionString, max: 8, connectionTimeoutMillis: 3_000, options: `-c search_path=${schema},public` },
    { schema },
  );
  return new PrismaClient({ adapter });
}
