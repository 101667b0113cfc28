import { createPrismaClient } from "../lib/prisma-client";
import { describeChainCheck, verifyAuditChain } from "../lib/audit/chain";
import { formatCliError } from "./cli-error";
import { openCliTarget } from "./db/target";

// npm run audit:verify — walk the audit log's hash chain (REC-1). Prints "N rows verified", or the
// first broken link and exits 1. Uses DATABASE_URL, else the embedded database in DATA_DIR (stop the
// portal first: the embedded database has one owner).
try {
  const { target, embedded } = await openCliTarget();
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    const [{ exists }] = await prisma.$queryRawUnsafe<{ exists: boolean }[]>(`SELECT to_regclass($1) IS NOT NULL AS exists`, `"${target.schema}"."AuditLog"`);
    if (!exists) throw new Error(`no audit log in schema "${target.schema}": the database is not migrated yet (npm start or npm run db:migrate)`);
    const check = await verifyAuditChain(prisma);
    console.log(describeChainCheck(check));
    process.exitCode = check.ok ? 0 : 1;
  } finally {
    await prisma.$disconnect();
    await embedded?.stop();
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
