import "server-only";
import type { AuditRow } from "@/lib/audit/chain";
import type { AuditLogFilter } from "@/lib/services/audit-log/schemas";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { AUDIT_ROW_SELECT, auditWhere } from "@/lib/services/audit-log/internal";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { filterRef } from "@/lib/services/access-log-ref";

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, AUDIT_PAGE_SIZE at a time; `nextBefore` continues with older rows. */
export async function listAuditEntries({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AuditLogFilter;
}): Promise<{ rows: AuditRow[]; nextBefore: bigint | null }> {
  const actor = authorize(ctx, "audit.read");
  const where = auditWhere(input);
  await recordClientDataAccess(ctx.db, actor, { resource: "audit_log", subjectRef: filterRef(input), purpose: "audit log review" }, ctx.now());
  const rows = await ctx.db.auditLog.findMany({ where, select: AUDIT_ROW_SELECT, orderBy: { seq: "desc" }, take: AUDIT_PAGE_SIZE + 1 });
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, nextBefore: more ? page[page.length - 1].seq : null };
}
