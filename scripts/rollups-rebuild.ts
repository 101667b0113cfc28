import { checkRollups, recomputeRollups } from "../lib/journal/rebuild-rollups";
import { createPrismaClient } from "../lib/prisma-client";
import { EngineJournal } from "../lib/simulation/journal";
import { formatCliError } from "./cli-error";
import { openCliTarget } from "./db/target";

// npm run rollups:rebuild [-- --check] — recompute every per-market, per-minute rollup (MarketMinute)
// from the engine journal: the genesis image, then every journaled command replayed in order (REC-1).
// Without --check it replaces the stored rows in one transaction; stop the portal first, or the engine
// may write a minute between the recomputation and the replacement. With --check it only compares and
// prints the first differing market, minute and field (exit 1), or "rollups match" (exit 0); with
// DATABASE_URL it may run beside the portal (it replays only up to what the rows it read include). Uses
// DATABASE_URL, else the embedded database in DATA_DIR.
const args = process.argv.slice(2);
const check = args.includes("--check");
if (args.some((arg) => arg !== "--check")) {
  console.error("usage: npm run rollups:rebuild [-- --check]");
  process.exit(2);
}

try {
  const { target, embedded } = await openCliTarget();
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    const journal = new EngineJournal(prisma);
    const started = performance.now();
    if (check) {
      const { difference, rows, commands } = await checkRollups(journal);
      const took = `${Math.round(performance.now() - started)} ms`;
      if (difference) {
        const minute = new Date(difference.minuteMs).toISOString();
        console.error(
          `rollups differ at ${difference.market} ${minute} (${difference.minuteMs}) ${difference.field}: stored ${JSON.stringify(difference.stored)}, recomputed ${JSON.stringify(difference.recomputed)}`,
        );
        process.exitCode = 1;
      } else {
        console.log(`rollups match: ${rows} minute rows recomputed from ${commands} commands in ${took}`);
      }
    } else {
      const { rows, commands } = await recomputeRollups(journal);
      await journal.replaceRollups(rows);
      console.log(`rebuilt ${rows.length} minute rows from ${commands} commands in ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    await prisma.$disconnect();
    await embedded?.stop();
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
