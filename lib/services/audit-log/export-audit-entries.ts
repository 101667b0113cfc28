import "server-only";
import { canonicalJson, type AuditRow } from "@/lib/audit/chain";
import type { AuditLogFilter } from "@/lib/services/audit-log/schemas";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { AUDIT_ROW_SELECT, auditWhere } from "@/lib/services/audit-log/internal";

export const EXPORT_LIMIT = 50_000;

/**
 * The filtered log as CSV (oldest first, with the hashes and hash versions, so an export can be
 * re-verified by whoever holds the audit key). The export is itself audited.
 */
export async function exportAuditEntries({ ctx, input }: { ctx: ServiceContext; input: AuditLogFilter }): Promise<{ csv: string; rows: number }> {
  authorize(ctx, "audit.export");
  const where = auditWhere(input);
  const rows = await ctx.db.auditLog.findMany({ where, select: AUDIT_ROW_SELECT, orderBy: { seq: "asc" }, take: EXPORT_LIMIT });
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, { action: "report.generate", entity: "AuditLog", entityId: "csv-export", after: { filter: { ...input, before: input.before?.toString() }, rows: rows.length } }),
  );
  return { csv: toCsv(rows), rows: rows.length };
}

const COLUMNS = ["seq", "at", "actorId", "actorEmail", "action", "entity", "entityId", "before", "after", "reason", "prevHash", "hash", "hashVersion"] as const;

function toCsv(rows: AuditRow[]): string {
  const lines = [COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(
      COLUMNS.map((column) => {
        const value = row[column];
        if (value === null || value === undefined) return "";
        if (value instanceof Date) return cell(value.toISOString());
        if (typeof value === "bigint" || typeof value === "number") return value.toString();
        if (typeof value === "object") return cell(canonicalJson(value));
        return cell(String(value));
      }).join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

// RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula (CSV injection).
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
