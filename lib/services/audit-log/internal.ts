import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import { AuditLogFilter } from "@/lib/services/audit-log/schemas";
import { Invalid } from "@/lib/services/errors";
import { issueMessage, issueMessagesByField, msg } from "@/lib/i18n/message-ref";

const HK_OFFSET = "+08:00";

export function auditWhere(input: AuditLogFilter): Prisma.AuditLogWhereInput {
  const parsed = AuditLogFilter.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Invalid(
      msg("errors.common.problem", { problem: first ? issueMessage(first) : msg("validation.auditLog.checkFilters") }),
      issueMessagesByField(parsed.error.issues),
    );
  }
  const f = parsed.data;
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = new Date(`${f.from}T00:00:00.000${HK_OFFSET}`);
  if (f.to) at.lt = new Date(new Date(`${f.to}T00:00:00.000${HK_OFFSET}`).getTime() + 86_400_000);
  return {
    ...(f.actor ? { actorEmail: { contains: f.actor, mode: "insensitive" } } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.entity ? { entity: { equals: f.entity, mode: "insensitive" } } : {}),
    ...(f.from || f.to ? { at } : {}),
    ...(f.before !== undefined ? { seq: { lt: f.before } } : {}),
  };
}

export const AUDIT_ROW_SELECT = {
  seq: true,
  at: true,
  actorId: true,
  actorEmail: true,
  action: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
  reason: true,
  prevHash: true,
  hash: true,
  hashVersion: true,
} as const;
