import fs from "node:fs";
import { IncidentNotFoundError } from "../lib/incidents/report/load";
import { describeVerifyOutcome, verifyPublishedReport } from "../lib/incidents/report/verify";
import { describePackOutcome, verifyPack } from "../lib/reports/verify";
import { createPrismaClient } from "../lib/prisma-client";
import { formatCliError } from "./cli-error";
import { openCliTarget } from "./db/target";

// npm run report:verify -- <pack.zip> — check a compliance report pack: every file against its
// manifest's SHA-256, the manifest against the hash the database recorded, and every report
// recomputed from the database figure by figure (RPT-1, RPT-3, REC-1). Exit 0 verified, 1 tampered or
// a figure differs (the first difference is printed), 2 not a pack.
//
// npm run report:verify -- <incidentId> — recompute an incident's published post-event report from the
// engine journal and compare every figure (DISC-7, RPT-7); also check Incident.publishedHash is the
// SHA-256 of the published text. Prints "verified N figures" (exit 0), or the first JSON path whose
// figure differs with both values (exit 1). An unknown incident, or one without a published report,
// exits 2.
//
// Both use DATABASE_URL, else the embedded database in DATA_DIR (stop the portal first), and the same
// AUDIT_HMAC_KEY as the portal (the account pseudonyms are keyed from it). They only read.
const subject = process.argv[2];
if (!subject || process.argv.length > 3) {
  console.error("usage: npm run report:verify -- <pack.zip> | <incidentId>");
  process.exit(2);
}
const isPack = subject.toLowerCase().endsWith(".zip");
if (isPack && !fs.existsSync(subject)) {
  console.error(`no such file: ${subject}`);
  process.exit(2);
}

try {
  const { target, embedded } = await openCliTarget();
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    if (isPack) {
      const outcome = await verifyPack(prisma, new Uint8Array(fs.readFileSync(subject)));
      const text = describePackOutcome(outcome);
      if (outcome.kind === "verified") console.log(text);
      else console.error(text);
      process.exitCode = outcome.kind === "verified" ? 0 : outcome.kind === "unreadable" ? 2 : 1;
    } else {
      const outcome = await verifyPublishedReport(prisma, subject);
      const text = describeVerifyOutcome(outcome);
      if (outcome.kind === "verified") console.log(text);
      else console.error(text);
      process.exitCode = outcome.kind === "verified" ? 0 : outcome.kind === "mismatch" ? 1 : 2;
    }
  } finally {
    await prisma.$disconnect();
    await embedded?.stop();
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(error instanceof IncidentNotFoundError ? 2 : 1);
}
