import { createPrismaClient } from "../lib/prisma-client";
import { auditAnchorConfig } from "../lib/audit/checkpoints";
import { describeChainCheck, describeCheckpoints, verifyAuditChain } from "../lib/audit/verify";
import { formatCliError } from "./cli-error";
import { openCliTarget } from "./db/target";

// npm run audit:verify — check the audit log (REC-1): every row's HMAC (AUDIT_HMAC_KEY) and link,
// the chain head, and the signed checkpoints in AUDIT_ANCHOR_DIR. Prints "N rows verified" and the
// checkpoints it relied on, or names every problem it found and exits 1. Uses DATABASE_URL, else the
// embedded database in DATA_DIR (stop the portal first: the embedded database has one owner).
//
// It only reads: it writes no checkpoint of its own, so an auditor can run it with read-only
// database credentials against a restored copy and a copy of the checkpoint folder.
try {
  const { target, embedded } = await openCliTarget();
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    const [{ exists }] = await prisma.$queryRawUnsafe<{ exists: boolean }[]>(`SELECT to_regclass($1) IS NOT NULL AS exists`, `"${target.schema}"."AuditLog"`);
    if (!exists) throw new Error(`no audit log in schema "${target.schema}": the database is not migrated yet (npm start or npm run db:migrate)`);
    const check = await verifyAuditChain(prisma, auditAnchorConfig({ schema: target.schema }));
    if (check.ok) {
      console.log(describeChainCheck(check));
    } else {
      console.log(`audit log check FAILED (${check.rows} of ${check.total} rows verified before the first problem):`);
      for (const problem of check.problems) console.log(`  - ${problem}`);
    }
    console.log(describeCheckpoints(check));
    process.exitCode = check.ok ? 0 : 1;
  } finally {
    await prisma.$disconnect();
    await embedded?.stop();
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
