import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import type { NoticeDeliveryFilter } from "@/lib/services/notices/schemas";
import { cursorOf, DELIVERY_ORDER, DELIVERY_SELECT, deliveryWhere, toRecord, type DeliveryRecord } from "@/lib/services/notices/internal";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { filterRef } from "@/lib/services/access-log-ref";

export const DELIVERY_PAGE_SIZE = 50;

/**
 * REC-6: the record of notices sent to clients, one row per notice and channel, newest first,
 * DELIVERY_PAGE_SIZE at a time; `nextBefore` continues with older records.
 */
export async function listNoticeDeliveries({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: NoticeDeliveryFilter;
}): Promise<{ rows: DeliveryRecord[]; nextBefore: string | null }> {
  const actor = authorize(ctx, "notices.view");
  const where = deliveryWhere(input);
  await recordClientDataAccess(
    ctx.db,
    actor,
    { resource: "notice_deliveries", subjectRef: filterRef(input), purpose: "notice delivery records review" },
    ctx.now(),
  );
  const rows = await ctx.db.noticeDelivery.findMany({ where, select: DELIVERY_SELECT, orderBy: DELIVERY_ORDER, take: DELIVERY_PAGE_SIZE + 1 });
  const page = rows.slice(0, DELIVERY_PAGE_SIZE).map(toRecord);
  return { rows: page, nextBefore: rows.length > DELIVERY_PAGE_SIZE ? cursorOf(page[page.length - 1]) : null };
}
