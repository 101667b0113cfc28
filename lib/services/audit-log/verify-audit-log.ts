import "server-only";
import { verifyAuditChain, type ChainCheck } from "@/lib/audit/chain";
import { authorize, type ServiceContext } from "@/lib/services/context";

/** Walk the whole chain (REC-1) for the audit log page; `npm run audit:verify` does the same from a terminal. */
export async function verifyAuditLog({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<ChainCheck> {
  authorize(ctx, "audit.read");
  return verifyAuditChain(ctx.db);
}
