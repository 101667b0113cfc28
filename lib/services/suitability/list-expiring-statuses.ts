import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { EXPIRY_REMINDER_DAYS } from "@/lib/services/suitability/entitlement";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

const DAY_MS = 86_400_000;

export interface ExpiringStatus {
  userId: string;
  clientName: string;
  clientEmail: string;
  expiresAt: Date;
  /** Whole days left, rounded down; negative once expired. */
  daysLeft: number;
  /** Reminder and expiry notices already sent for this expiry date, oldest first. */
  noticesSent: { kind: string; createdAt: Date }[];
  /** A renewal is with an officer now. */
  renewalPending: boolean;
}

/**
 * PI-8's compliance view: clients whose verified status expires within the reminder horizon (60 days)
 * or expired within the last 30, soonest first, with the notices they have been sent.
 */
export async function listExpiringStatuses({ ctx }: { ctx: ServiceContext }): Promise<ExpiringStatus[]> {
  const actor = authorize(ctx, "clients.read");
  const now = ctx.now();
  await recordClientDataAccess(ctx.db, actor, { resource: "expiring_pi_statuses", purpose: "professional investor status renewal" }, now);
  const rows = await ctx.db.onboardingCase.findMany({
    where: {
      verifiedAt: { not: null },
      expiresAt: { not: null, lte: new Date(now.getTime() + EXPIRY_REMINDER_DAYS[0] * DAY_MS), gt: new Date(now.getTime() - 30 * DAY_MS) },
    },
    include: { user: { select: { name: true, email: true } } },
    orderBy: { expiresAt: "asc" },
    take: 500,
  });
  const notices = await ctx.db.clientNotice.findMany({
    where: { userId: { in: rows.map((row) => row.userId) }, kind: { startsWith: "pi." } },
    orderBy: { createdAt: "asc" },
    select: { userId: true, kind: true, createdAt: true, dedupeKey: true },
  });
  return rows.map((row) => {
    const expiry = row.expiresAt!.toISOString();
    return {
      userId: row.userId,
      clientName: row.user.name,
      clientEmail: row.user.email,
      expiresAt: row.expiresAt!,
      daysLeft: Math.floor((row.expiresAt!.getTime() - now.getTime()) / DAY_MS),
      noticesSent: notices.filter((n) => n.userId === row.userId && n.dedupeKey.includes(`:${expiry}:`)).map((n) => ({ kind: n.kind, createdAt: n.createdAt })),
      renewalPending: row.status === "SUBMITTED" || row.status === "PENDING_SECOND_APPROVAL",
    };
  });
}
