import { journalArchiveDir } from "../lib/journal/archive/config";
import { verifyArchive } from "../lib/journal/archive/verify";
import { createPrismaClient } from "../lib/prisma-client";
import { formatCliError } from "./cli-error";
import { openCliTarget } from "./db/target";

// npm run journal:verify [-- --replay] — check the archived engine journal (REC-1, REC-2): the
// JournalSegment index is one unbroken hash chain from position 1, every segment file in
// JOURNAL_ARCHIVE_DIR (default DATA_DIR/journal-archive) is present and matches its recorded SHA-256,
// and the last segment meets the snapshot that continues the journal in the database. With --replay,
// each segment is also replayed from its start snapshot: its events must hash to the recorded value
// and it must end at the next snapshot's state hash. Prints a summary (exit 0) or names the first bad
// segment (exit 1). Uses DATABASE_URL, else the embedded database in DATA_DIR (stop the portal first).
// It only reads.
const args = process.argv.slice(2);
if (args.some((arg) => arg !== "--replay")) {
  console.error("usage: npm run journal:verify [-- --replay]");
  process.exit(2);
}
const replay = args.includes("--replay");

try {
  const { target, embedded } = await openCliTarget();
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    const dir = journalArchiveDir();
    const result = await verifyArchive(prisma, dir, { replay });
    if (result.problem) {
      console.error(`journal archive check FAILED at ${result.problem.file} (${result.segments} segments verified before it): ${result.problem.message}`);
      process.exitCode = 1;
    } else {
      console.log(
        `journal archive verified: ${result.segments} segments in ${dir}, ${result.commands.toLocaleString("en-US")} commands, ${result.events.toLocaleString("en-US")} events, ${(result.bytes / 1_048_576).toFixed(1)} MiB; ` +
          (replay ? "every segment replayed to its recorded events and end state" : "hashes and chain checked (add --replay to replay each segment)"),
      );
    }
  } finally {
    await prisma.$disconnect();
    await embedded?.stop();
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
