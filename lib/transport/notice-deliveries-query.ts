import type { NoticeDeliveryFilter } from "@/lib/services/notices/schemas";

/**
 * The notice delivery records' filter from a query string (the page's GET form, the CSV export
 * link): the first value of each parameter; the services validate it (lib/services/notices/schemas.ts).
 */
export function deliveryFilterFromSearchParams(params: Record<string, string | string[] | undefined>): NoticeDeliveryFilter {
  const first = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    status: first("status"),
    channel: first("channel"),
    incident: first("incident"),
    client: first("client"),
    from: first("from"),
    to: first("to"),
    before: first("before"),
  };
}
