import type { PrismaClient } from "./generated/client";
import { ROLE_FAMILY, ROLES } from "../lib/auth/permissions";
import { GENESIS_HASH } from "../lib/audit/chain";

/**
 * Rows the schema needs in every mode (not demo data): the role catalogue that UserRole's foreign
 * keys check a user's roles against (AFMM-2), and the audit chain's head. Idempotent; `npm start`
 * runs it after migrating, as do the database tests.
 */
export async function ensureReferenceData(prisma: PrismaClient): Promise<void> {
  for (const name of ROLES) {
    await prisma.role.upsert({ where: { name }, create: { name, family: ROLE_FAMILY[name] }, update: { family: ROLE_FAMILY[name] } });
  }
  await prisma.auditChainHead.upsert({ where: { id: 1 }, create: { id: 1, seq: 0n, hash: GENESIS_HASH }, update: {} });
}
