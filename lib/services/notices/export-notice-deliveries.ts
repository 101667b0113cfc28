import "server-only";
import { toCsv } from "@/lib/csv";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import type { NoticeDeliveryFilter } from "@/lib/services/notices/schemas";
import { DELIVERY_ORDER, DELIVERY_SELECT, deliveryWhere, toRecord, type DeliveryRecord } from "@/lib/services/notices/internal";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { filterRef } from "@/lib/services/access-log-ref";

export const DELIVERY_EXPORT_LIMIT = 50_000;

const COLUMNS = [
  "deliveryId",
  "noticeId",
  "userId",
  "clientEmail",
  "kind",
  "title",
  "incidentId",
  "channel",
  "status",
  "recipient",
  "messageId",
  "contentHash",
  "attempts",
  "queuedAt",
  "sentAt",
  "readAt",
  "nextAttemptAt",
  "lastError",
] as const;

/**
 * REC-6: the filtered delivery records as CSV, newest first, with each record's content hash and
 * Message-ID so a copy of a sent e-mail can be matched to its record. The export is itself audited.
 */
export async function exportNoticeDeliveries({ ctx, input }: { ctx: ServiceContext; input: NoticeDeliveryFilter }): Promise<{ csv: string; rows: number }> {
  const actor = authorize(ctx, "notices.view");
  const where = deliveryWhere(input);
  await recordClientDataAccess(
    ctx.db,
    actor,
    { resource: "notice_deliveries_export", subjectRef: filterRef(input), purpose: "notice delivery records export" },
    ctx.now(),
  );
  const rows = (await ctx.db.noticeDelivery.findMany({ where, select: DELIVERY_SELECT, orderBy: DELIVERY_ORDER, take: DELIVERY_EXPORT_LIMIT })).map(toRecord);
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "report.generate",
      entity: "NoticeDelivery",
      entityId: "csv-export",
      after: { filter: { ...input, before: undefined }, rows: rows.length },
    }),
  );
  return { csv: deliveriesCsv(rows), rows: rows.length };
}

function deliveriesCsv(rows: DeliveryRecord[]): string {
  return toCsv(
    COLUMNS,
    rows.map((row) => COLUMNS.map((column) => (column === "deliveryId" ? row.id : row[column]))),
  );
}
