import "server-only";
import type { AfmmGate } from "@/lib/services/afmm/gates";
import { afmmVenue, readAfmmOrderEntry, type AfmmOrderEntryView } from "@/lib/services/afmm/engine-order-entry";
import { currentAfmmGates } from "@/lib/services/afmm/internal";
import { authorize, type ServiceContext } from "@/lib/services/context";

const LIMIT = 200;

export interface AfmmGovernanceView {
  gates: { enabled: boolean; missing: AfmmGate[] };
  /** The engine's state: "unavailable" when this process does not host it. */
  engine: AfmmOrderEntryView | "unavailable";
  affiliates: {
    id: string;
    legalName: string;
    relationship: string;
    agreementRef: string;
    agreementDate: Date;
    engineAccountIds: number[];
    approved: boolean;
    createdAt: Date;
    endedAt: Date | null;
    endReason: string | null;
  }[];
  registrations: { id: string; name: string; email: string; capacity: string; reference: string; effectiveFrom: Date; endedAt: Date | null }[];
  designations: {
    id: string;
    registrationId: string;
    officerName: string;
    capacity: string;
    assignedAt: Date;
    assignedByName: string;
    endedAt: Date | null;
    endReason: string | null;
  }[];
  notifications: {
    id: string;
    notifiedOn: Date;
    thirdPartyReportRef: string;
    thirdPartyReportSha256: string;
    micDeclarationSha256: string;
    recordedAt: Date;
    withdrawnAt: Date | null;
    withdrawReason: string | null;
  }[];
}

/** AFMM-1, AFMM-4, AFMM-9: the governance records and the order-entry status, for the oversight page (newest first, 200 each). */
export async function getAfmmGovernance({ ctx }: { ctx: ServiceContext }): Promise<AfmmGovernanceView> {
  authorize(ctx, "afmm.oversight.view");
  const [gates, venue, affiliates, registrations, designations, notifications] = await Promise.all([
    currentAfmmGates(ctx),
    afmmVenue(),
    ctx.db.afmmAffiliate.findMany({ orderBy: { createdAt: "desc" }, take: LIMIT }),
    ctx.db.staffRegistration.findMany({ orderBy: { createdAt: "desc" }, take: LIMIT }),
    ctx.db.afmmOversightDesignation.findMany({ orderBy: { assignedAt: "desc" }, take: LIMIT }),
    ctx.db.afmmSfcNotification.findMany({ orderBy: { recordedAt: "desc" }, take: LIMIT }),
  ]);
  const userIds = [...new Set([...registrations.map((r) => r.userId), ...designations.flatMap((d) => [d.officerId, d.assignedById])])];
  const users = new Map((await ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]));
  const engine = venue ? readAfmmOrderEntry(venue) : "unavailable";
  return {
    gates,
    engine,
    affiliates: affiliates.map(({ id, legalName, relationship, agreementRef, agreementDate, engineAccountIds, approved, createdAt, endedAt, endReason }) => ({
      id,
      legalName,
      relationship,
      agreementRef,
      agreementDate,
      engineAccountIds,
      approved,
      createdAt,
      endedAt,
      endReason,
    })),
    registrations: registrations.map((r) => ({
      id: r.id,
      name: users.get(r.userId)?.name ?? "",
      email: users.get(r.userId)?.email ?? "",
      capacity: r.capacity,
      reference: r.reference,
      effectiveFrom: r.effectiveFrom,
      endedAt: r.endedAt,
    })),
    designations: designations.map((d) => ({
      id: d.id,
      registrationId: d.registrationId,
      officerName: users.get(d.officerId)?.name ?? "",
      capacity: d.capacity,
      assignedAt: d.assignedAt,
      assignedByName: users.get(d.assignedById)?.name ?? "",
      endedAt: d.endedAt,
      endReason: d.endReason,
    })),
    notifications: notifications.map((n) => ({
      id: n.id,
      notifiedOn: n.notifiedOn,
      thirdPartyReportRef: n.thirdPartyReportRef,
      thirdPartyReportSha256: n.thirdPartyReportSha256,
      micDeclarationSha256: n.micDeclarationSha256,
      recordedAt: n.recordedAt,
      withdrawnAt: n.withdrawnAt,
      withdrawReason: n.withdrawReason,
    })),
  };
}
