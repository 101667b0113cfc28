import type { AuditLogFilter } from "@/lib/services/audit-log/schemas";

/**
 * The audit log's filter from a query string (the page's GET form, the CSV export link): the first
 * value of each parameter; the services validate it (lib/services/audit-log/schemas.ts).
 */
export function filterFromSearchParams(params: Record<string, string | string[] | undefined>): AuditLogFilter {
  const first = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return { actor: first("actor"), action: first("action"), entity: first("entity"), from: first("from"), to: first("to"), before: first("before") };
}
