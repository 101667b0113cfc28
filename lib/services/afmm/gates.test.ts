import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { afmmGates, orderEntryReason, type AfmmGateFacts } from "@/lib/services/afmm/gates";

const NOW = new Date("2026-12-06T08:00:00Z");
const BEFORE = new Date("2026-12-01T00:00:00Z");
const LATER = new Date("2026-12-31T00:00:00Z");
const HASH_A = "a".repeat(64);
const HASH_B = "0123456789abcdef".repeat(4);

const affiliate = { approved: true, endedAt: null, engineAccountIds: [1] };
const registration = { id: "reg-1", userId: "ro-1", capacity: "RO", effectiveFrom: BEFORE, endedAt: null };
const designation = { officerId: "ro-1", registrationId: "reg-1", capacity: "RO", assignedAt: BEFORE, endedAt: null };
const notification = { notifiedOn: BEFORE, withdrawnAt: null, thirdPartyReportSha256: HASH_A, micDeclarationSha256: HASH_B };

function facts(overrides: Partial<AfmmGateFacts> = {}): AfmmGateFacts {
  return {
    now: NOW,
    affiliates: [affiliate],
    designations: [designation],
    registrations: [registration],
    officerRoles: { "ro-1": ["RESPONSIBLE_OFFICER"] },
    notifications: [notification],
    ...overrides,
  };
}

describe("AFMM-1, AFMM-4, AFMM-9: the order-entry gates", () => {
  const combinations = [true, false].flatMap((a) => [true, false].flatMap((b) => [true, false].map((c) => [a, b, c] as const)));
  it.each(combinations)("AFMM-1, AFMM-4, AFMM-9: affiliate %s, officer %s, notification %s", (a, b, c) => {
    const decision = afmmGates(facts({ affiliates: a ? [affiliate] : [], designations: b ? [designation] : [], notifications: c ? [notification] : [] }));
    const missing = [!a && "approved_affiliate", !b && "designated_officer", !c && "sfc_notification"].filter(Boolean);
    expect(decision).toEqual({ enabled: a && b && c, missing });
    expect(orderEntryReason(decision)).toBe(!a ? "no_approved_affiliate" : !b ? "no_designated_officer" : !c ? "no_sfc_notification" : "gates_met");
  });

  it("AFMM-1: an affiliate not approved, ended, or without engine accounts does not count; one ending later still does", () => {
    for (const bad of [{ approved: false }, { endedAt: BEFORE }, { endedAt: NOW }, { engineAccountIds: [] }]) {
      expect(afmmGates(facts({ affiliates: [{ ...affiliate, ...bad }] })).missing).toEqual(["approved_affiliate"]);
    }
    expect(afmmGates(facts({ affiliates: [{ ...affiliate, endedAt: LATER }] })).enabled).toBe(true);
  });

  it("AFMM-4: an ended designation, an ended, future or mismatched registration, or an officer without the role does not count", () => {
    const refused: Partial<AfmmGateFacts>[] = [
      { designations: [{ ...designation, endedAt: BEFORE }] },
      { designations: [{ ...designation, assignedAt: LATER }] },
      { registrations: [{ ...registration, endedAt: NOW }] },
      { registrations: [{ ...registration, effectiveFrom: LATER }] },
      { registrations: [{ ...registration, capacity: "MIC" }] },
      { registrations: [{ ...registration, userId: "someone-else" }] },
      { registrations: [] },
      { officerRoles: {} },
      // A compliance officer holds a platform role but is not a Responsible Officer.
      { officerRoles: { "ro-1": ["COMPLIANCE_OFFICER"] } },
      // An AFMM trader can never oversee the AFMM.
      { officerRoles: { "ro-1": ["AFMM_TRADER"] } },
      { officerRoles: { "ro-1": ["CLIENT"] } },
    ];
    for (const overrides of refused) expect(afmmGates(facts(overrides)).missing, JSON.stringify(overrides)).toEqual(["designated_officer"]);
  });

  it("AFMM-4: a Manager-in-Charge with any platform role qualifies; one valid designation among ended ones is enough", () => {
    const mic = { id: "reg-2", userId: "mic-1", capacity: "MIC", effectiveFrom: BEFORE, endedAt: null };
    const micDesignation = { officerId: "mic-1", registrationId: "reg-2", capacity: "MIC", assignedAt: BEFORE, endedAt: null };
    for (const roles of [["ADMIN"], ["COMPLIANCE_OFFICER"], ["RESPONSIBLE_OFFICER"]] as Role[][]) {
      expect(afmmGates(facts({ registrations: [mic], designations: [micDesignation], officerRoles: { "mic-1": roles } })).enabled).toBe(true);
    }
    expect(afmmGates(facts({ registrations: [mic], designations: [micDesignation], officerRoles: { "mic-1": ["AFMM_TRADER"] } })).enabled).toBe(false);
    expect(afmmGates(facts({ designations: [{ ...designation, endedAt: BEFORE }, designation] })).enabled).toBe(true);
  });

  it("AFMM-9: a withdrawn, future-dated or badly hashed notification does not count", () => {
    const refused = [
      { withdrawnAt: BEFORE },
      { notifiedOn: LATER },
      { thirdPartyReportSha256: "" },
      { thirdPartyReportSha256: "g".repeat(64) },
      { micDeclarationSha256: HASH_A.slice(1) },
      { micDeclarationSha256: HASH_A.toUpperCase() },
      { micDeclarationSha256: `${HASH_A}0` },
    ];
    for (const bad of refused)
      expect(afmmGates(facts({ notifications: [{ ...notification, ...bad }] })).missing, JSON.stringify(bad)).toEqual(["sfc_notification"]);
    expect(afmmGates(facts({ notifications: [{ ...notification, notifiedOn: NOW }] })).enabled).toBe(true);
  });
});
