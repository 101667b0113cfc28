import { ROLE_FAMILY, type Role } from "@/lib/auth/permissions";

// AFMM-1, AFMM-4, AFMM-9: the one rule deciding whether the affiliated market maker may enter orders.
// Pure (no database, no clock): the facts are read by readAfmmGateFacts (internal.ts) and the answer is
// applied to the engine by syncAfmmOrderEntry. Pages only show its answer.

export const AFMM_GATES = ["approved_affiliate", "designated_officer", "sfc_notification"] as const;
export type AfmmGate = (typeof AFMM_GATES)[number];

export const STAFF_CAPACITIES = ["RO", "MIC"] as const;
export type StaffCapacity = (typeof STAFF_CAPACITIES)[number];

export interface AfmmGateFacts {
  now: Date;
  affiliates: readonly { approved: boolean; endedAt: Date | null; engineAccountIds: readonly number[] }[];
  designations: readonly { officerId: string; registrationId: string; capacity: string; assignedAt: Date; endedAt: Date | null }[];
  registrations: readonly { id: string; userId: string; capacity: string; effectiveFrom: Date; endedAt: Date | null }[];
  /** The roles each designated officer holds now, by user id. */
  officerRoles: Readonly<Record<string, readonly Role[]>>;
  notifications: readonly { notifiedOn: Date; withdrawnAt: Date | null; thirdPartyReportSha256: string; micDeclarationSha256: string }[];
}

export interface AfmmGateDecision {
  enabled: boolean;
  /** The gates not met, in the order of AFMM_GATES. */
  missing: AfmmGate[];
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether a record with this end time is still in force at `now`. */
export function inForce(endedAt: Date | null, now: Date): boolean {
  return endedAt === null || endedAt.getTime() > now.getTime();
}

/** AFMM-4: whether this officer, by roles, may hold a designation in this capacity: a platform role, and the RO role for an RO. */
export function officerRolesQualify(roles: readonly Role[], capacity: string): boolean {
  if (!roles.some((role) => ROLE_FAMILY[role] === "PLATFORM")) return false;
  if (capacity === "RO") return roles.includes("RESPONSIBLE_OFFICER");
  return capacity === "MIC";
}

/** AFMM-4: a registration active at `now` for this user and capacity. */
export function activeRegistration(registration: AfmmGateFacts["registrations"][number], now: Date): boolean {
  return registration.effectiveFrom.getTime() <= now.getTime() && inForce(registration.endedAt, now);
}

/**
 * AFMM order entry is enabled only while all three hold:
 * (a) AFMM-1: an approved affiliate, not ended, with at least one engine account;
 * (b) AFMM-4: a current designation of an officer whose registration (same capacity, same user) is
 *     active, and whose roles qualify (a platform role; the Responsible Officer role for an RO);
 * (c) AFMM-9: an SFC notification, not withdrawn, dated on or before now, with both documents' SHA-256.
 */
export function afmmGates(facts: AfmmGateFacts): AfmmGateDecision {
  const { now } = facts;
  const missing: AfmmGate[] = [];
  if (!facts.affiliates.some((affiliate) => affiliate.approved && inForce(affiliate.endedAt, now) && affiliate.engineAccountIds.length > 0)) {
    missing.push("approved_affiliate");
  }
  const registrations = new Map(facts.registrations.map((registration) => [registration.id, registration]));
  const designated = facts.designations.some((designation) => {
    if (!inForce(designation.endedAt, now) || designation.assignedAt.getTime() > now.getTime()) return false;
    const registration = registrations.get(designation.registrationId);
    if (!registration || registration.userId !== designation.officerId || registration.capacity !== designation.capacity) return false;
    if (!activeRegistration(registration, now)) return false;
    return officerRolesQualify(facts.officerRoles[designation.officerId] ?? [], designation.capacity);
  });
  if (!designated) missing.push("designated_officer");
  const notified = facts.notifications.some(
    (notification) =>
      notification.withdrawnAt === null &&
      notification.notifiedOn.getTime() <= now.getTime() &&
      SHA256_HEX.test(notification.thirdPartyReportSha256) &&
      SHA256_HEX.test(notification.micDeclarationSha256),
  );
  if (!notified) missing.push("sfc_notification");
  return { enabled: missing.length === 0, missing };
}

/** The engine's reason code for a decision: the first gate missing, or gates_met. */
export function orderEntryReason(decision: AfmmGateDecision): string {
  const first = decision.missing[0];
  if (!first) return "gates_met";
  return { approved_affiliate: "no_approved_affiliate", designated_officer: "no_designated_officer", sfc_notification: "no_sfc_notification" }[first];
}
