import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import { NoticeDeliveryFilter } from "@/lib/services/notices/schemas";
import { parseInput } from "@/lib/services/parse-input";

const HK_OFFSET = "+08:00";

/** The where clause of a filter, or 422 naming what is wrong with it. */
export function deliveryWhere(input: NoticeDeliveryFilter): Prisma.NoticeDeliveryWhereInput {
  const f = parseInput(NoticeDeliveryFilter, input);
  const and: Prisma.NoticeDeliveryWhereInput[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.channel) and.push({ channel: f.channel });
  if (f.incident) and.push({ notice: { incidentId: f.incident } });
  if (f.client) and.push({ notice: { user: { email: { contains: f.client, mode: "insensitive" } } } });
  if (f.from) and.push({ queuedAt: { gte: new Date(`${f.from}T00:00:00.000${HK_OFFSET}`) } });
  if (f.to) and.push({ queuedAt: { lt: new Date(new Date(`${f.to}T00:00:00.000${HK_OFFSET}`).getTime() + 86_400_000) } });
  if (f.before) {
    const [ms, noticeId, channel] = f.before.split("_");
    const at = new Date(Number(ms));
    and.push({
      OR: [{ queuedAt: { lt: at } }, { queuedAt: at, noticeId: { lt: noticeId } }, { queuedAt: at, noticeId, channel: { lt: channel } }],
    });
  }
  return and.length ? { AND: and } : {};
}

/** Newest first, a notice's channels side by side (notice and channel are unique together: the page cursor). */
export const DELIVERY_ORDER: Prisma.NoticeDeliveryOrderByWithRelationInput[] = [{ queuedAt: "desc" }, { noticeId: "desc" }, { channel: "desc" }];

export const DELIVERY_SELECT = {
  id: true,
  noticeId: true,
  userId: true,
  channel: true,
  status: true,
  contentHash: true,
  recipient: true,
  messageId: true,
  attempts: true,
  queuedAt: true,
  nextAttemptAt: true,
  sentAt: true,
  readAt: true,
  lastError: true,
  notice: { select: { kind: true, title: true, params: true, incidentId: true, readAt: true, user: { select: { email: true } } } },
} as const satisfies Prisma.NoticeDeliverySelect;

type Selected = Prisma.NoticeDeliveryGetPayload<{ select: typeof DELIVERY_SELECT }>;

/** One delivery record as the page and the export show it. */
export interface DeliveryRecord {
  id: string;
  noticeId: string;
  userId: string;
  clientEmail: string;
  kind: string;
  /** The English title stored with the notice (what its content hash covers, with the body). */
  title: string;
  params: Record<string, string | number>;
  incidentId: string | null;
  channel: string;
  status: string;
  contentHash: string;
  recipient: string | null;
  messageId: string | null;
  attempts: number;
  queuedAt: Date;
  /** When a queued e-mail is tried next (or a claimed one's lease ends); null once it is settled. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  /** When the client opened it in the inbox. */
  readAt: Date | null;
  lastError: string | null;
}

export function toRecord(row: Selected): DeliveryRecord {
  const { notice, ...delivery } = row;
  return {
    ...delivery,
    clientEmail: notice.user.email,
    kind: notice.kind,
    title: notice.title,
    params: (notice.params ?? {}) as Record<string, string | number>,
    incidentId: notice.incidentId,
    readAt: delivery.readAt ?? (delivery.channel === "inbox" ? notice.readAt : null),
    nextAttemptAt: delivery.status === "queued" || delivery.status === "sending" ? delivery.nextAttemptAt : null,
  };
}

export function cursorOf(record: DeliveryRecord): string {
  return `${record.queuedAt.getTime()}_${record.noticeId}_${record.channel}`;
}
