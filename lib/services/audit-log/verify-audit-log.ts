import "server-only";
import { auditAnchorConfig } from "@/lib/audit/checkpoints";
import { verifyAuditChain, type ChainCheck } from "@/lib/audit/verify";
import { authorize, type ServiceContext } from "@/lib/services/context";

/**
 * Verify the whole log (REC-1) for the audit log page: row HMACs and links, the head and the signed
 * checkpoints outside the database. `npm run audit:verify` runs the same check from a terminal.
 */
export async function verifyAuditLog({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<ChainCheck> {
  authorize(ctx, "audit.read");
  return verifyAuditChain(ctx.db, auditAnchorConfig());
}
