import { archiveOnce } from "../lib/journal/archive/archiver";
import { journalArchiveDir } from "../lib/journal/archive/config";
import { env } from "../lib/env";
import { createPrismaClient } from "../lib/prisma-client";
import { EngineJournal } from "../lib/simulation/journal";

// Test support for the archiver's crash test (lib/journal/archive/archive-crash.db.test.ts): archive one
// interval at a time until none is eligible, printing each step so the parent can SIGKILL this process
// at a chosen moment. Usage: tsx scripts/journal-archive-loop.ts <hotMs>; DATABASE_URL, DATABASE_SCHEMA
// and JOURNAL_ARCHIVE_DIR say which journal and folder.
const hotMs = Number(process.argv[2]);
if (!Number.isFinite(hotMs)) {
  console.error("usage: tsx scripts/journal-archive-loop.ts <hotMs>");
  process.exit(2);
}
const config = env();
if (!config.DATABASE_URL) throw new Error("DATABASE_URL is required");
const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_SCHEMA);
const dir = journalArchiveDir();
const journal = new EngineJournal(prisma, { archiveDir: dir });
try {
  for (;;) {
    const done = await archiveOnce(prisma, journal, { dir, hotMs, ignoreCursors: true, onStep: (step) => console.log(`step ${step}`) });
    if (done.length === 0) break;
    console.log(`archived ${done[0].file}`);
  }
  console.log("idle");
} finally {
  await prisma.$disconnect();
}
