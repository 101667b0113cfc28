import path from "node:path";
import { env } from "../../lib/env";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import type { DatabaseTarget } from "./migrations";

/**
 * The database a command-line tool works on: DATABASE_URL when set, else the embedded database in
 * the data folder (started for the duration of the command). The server must not be running on the
 * same data folder: PGlite has one owner.
 */
export async function openCliTarget(options: { ephemeral?: boolean } = {}): Promise<{ target: DatabaseTarget; embedded?: EmbeddedPostgres }> {
  const config = env();
  if (config.DATABASE_URL) return { target: { url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA } };
  const embedded = await startEmbeddedPostgres({
    dataDir: options.ephemeral ? undefined : path.resolve(config.DATA_DIR, "pg"),
    port: await freePort(),
  });
  // The embedded database keeps its tables in "public" (see scripts/start.ts).
  return { target: { url: embedded.url, schema: "public" }, embedded };
}
