import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "../../lib/env";
import { formatCliError } from "../cli-error";
import { dropSchema } from "./migrations";
import { createPrismaClient } from "../../lib/prisma-client";
import { auditAnchorConfig, databaseIdentity, retireCheckpointFile } from "../../lib/audit/checkpoints";

// npm run db:reset — throw the demo data away; the next `npm start` migrates and seeds afresh.
// Embedded default: deletes the data folder's database (the next one is a new database with its own
// audit checkpoint file). With DATABASE_URL: drops DATABASE_SCHEMA, only in demo mode and only with
// --yes, because that is somebody's server, and renames its audit checkpoint file aside.
try {
  const { values } = parseArgs({ options: { yes: { type: "boolean", default: false } } });
  const config = env();
  if (!config.DATABASE_URL) {
    const pgDir = path.resolve(config.DATA_DIR, "pg");
    fs.rmSync(pgDir, { recursive: true, force: true });
    console.log(`Deleted the embedded database in ${pgDir}. Stop the portal first if it was running; the next npm start seeds the demo data again.`);
  } else if (config.PORTAL_MODE === "production") {
    throw new Error("refusing to reset a production database (PORTAL_MODE=production)");
  } else if (!values.yes) {
    throw new Error(`this drops schema "${config.DATABASE_SCHEMA}" on DATABASE_URL with all its data; run again with -- --yes to confirm`);
  } else {
    // The re-created schema has the same identity; its old audit checkpoints would report the new,
    // empty log as "every row deleted". Keep them, renamed aside, and let a new chain start.
    const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_SCHEMA);
    const identity = await databaseIdentity(prisma, config.DATABASE_SCHEMA).finally(() => prisma.$disconnect());
    await dropSchema({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
    const retired = retireCheckpointFile(auditAnchorConfig().dir, identity);
    console.log(`Dropped schema "${config.DATABASE_SCHEMA}". The next npm start migrates and seeds the demo data again.`);
    if (retired) console.log(`Its signed audit checkpoints were kept as ${retired}.`);
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
