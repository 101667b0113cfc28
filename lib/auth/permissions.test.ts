import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLE_FAMILY, ROLES, roleSetProblem, requiresTotp, type Permission, type Role } from "./permissions";

const permissions = Object.keys(PERMISSIONS) as Permission[];

describe("permission table", () => {
  it("every permission names only known roles, and every role has at least one permission", () => {
    for (const permission of permissions) for (const role of PERMISSIONS[permission].roles) expect(ROLES).toContain(role);
    for (const role of ROLES)
      expect(
        permissions.some((p) => can([role], p)),
        role,
      ).toBe(true);
  });

  it("AFMM-7: every permission that exposes client or non-public order data is denied to AFMM_TRADER", () => {
    const exposing = permissions.filter((p) => PERMISSIONS[p].exposesClientData);
    expect(exposing).toEqual(
      expect.arrayContaining(["clients.read", "orders.read_all", "liquidations.queue.read", "adl.ranks.read", "users.read", "audit.read"]),
    );
    for (const permission of exposing) expect(can(["AFMM_TRADER"], permission), permission).toBe(false);
  });

  it("AFMM-7: AFMM_TRADER holds only its own account, its own inbox and its own desk", () => {
    expect(permissions.filter((p) => can(["AFMM_TRADER"], p)).sort()).toEqual(["account.manage", "afmm.own_account.read", "inbox.use", "policies.attest"]);
  });

  it("AUDITOR is read-only: it holds no permission that changes anything", () => {
    const writes: Permission[] = [
      "users.roles.manage",
      "reviews.decide",
      "reports.generate",
      "risk.propose",
      "risk.decide",
      "incidents.write",
      "incidents.approve",
      "incidents.publish",
      "complaints.handle",
      "complaints.review",
    ];
    for (const permission of writes) expect(can(["AUDITOR"], permission), permission).toBe(false);
  });

  it("MRG-5: no permission lets one officer change a market parameter alone: proposing and deciding are separate, and deciding needs a step-up", () => {
    expect(permissions).not.toContain("parameters.change");
    expect(ROLES.filter((role) => can([role], "risk.decide"))).toEqual(["RESPONSIBLE_OFFICER"]);
    expect(PERMISSIONS["risk.decide"].stepUp).toBe(true);
  });

  it("CMP-1: complaints are handled by compliance officers; the MIC review is a Responsible Officer's and needs a step-up", () => {
    expect(ROLES.filter((role) => can([role], "complaints.handle"))).toEqual(["COMPLIANCE_OFFICER"]);
    expect(ROLES.filter((role) => can([role], "complaints.review"))).toEqual(["RESPONSIBLE_OFFICER"]);
    expect(PERMISSIONS["complaints.review"].stepUp).toBe(true);
  });

  it("only ADMIN manages roles, and that needs step-up", () => {
    expect(ROLES.filter((role) => can([role], "users.roles.manage"))).toEqual(["ADMIN"]);
    expect(PERMISSIONS["users.roles.manage"].stepUp).toBe(true);
  });

  it("SEC-1: every staff role requires TOTP; clients do not", () => {
    for (const role of ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "ADMIN", "AFMM_TRADER"] as Role[]) expect(requiresTotp([role]), role).toBe(true);
    expect(requiresTotp(["CLIENT"])).toBe(false);
  });
});

describe("AFMM-2: role families", () => {
  it("AFMM-2: a user cannot hold ADMIN and AFMM_TRADER (or any platform role with an AFMM role)", () => {
    for (const role of ROLES.filter((r) => ROLE_FAMILY[r] === "PLATFORM")) {
      expect(roleSetProblem([role, "AFMM_TRADER"]), role).toMatch(/^AFMM-2/);
    }
  });

  it("platform roles combine freely; a client account holds no staff role", () => {
    expect(roleSetProblem(["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AUDITOR", "ADMIN"])).toBeUndefined();
    expect(roleSetProblem(["CLIENT", "ADMIN"])).toMatch(/client account/);
    expect(roleSetProblem([])).toMatch(/at least one/);
  });
});
