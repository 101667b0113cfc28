import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Role } from "@/lib/auth/permissions";
import { addStaffRegistration } from "@/lib/services/afmm/add-staff-registration";
import { designateOfficer } from "@/lib/services/afmm/designate-officer";
import { enableAfmmOrderEntry } from "@/lib/services/afmm/enable-order-entry";
import { endDesignation } from "@/lib/services/afmm/end-designation";
import { endStaffRegistration } from "@/lib/services/afmm/end-staff-registration";
import { getAfmmGovernance } from "@/lib/services/afmm/get-afmm-governance";
import { recordSfcNotification } from "@/lib/services/afmm/record-sfc-notification";
import { registerAffiliate } from "@/lib/services/afmm/register-affiliate";
import { withdrawSfcNotification } from "@/lib/services/afmm/withdraw-sfc-notification";
import { contextFor, signedInUser } from "@/test/service-context";

// AFMM-1, AFMM-4, AFMM-9: the governance registers and their refusals. No engine runs in this file:
// each verb's reconciliation reports the engine unavailable, and the records are what is checked.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

/** Files on one test worker share its schema: start from empty governance registers. */
async function clearGovernance() {
  await prisma.afmmOversightDesignation.deleteMany();
  await prisma.staffRegistration.deleteMany();
  await prisma.afmmAffiliate.deleteMany();
  await prisma.afmmSfcNotification.deleteMany();
}
beforeAll(clearGovernance);

const HASH = "ab".repeat(32);
const officer = (roles: Role[] = ["RESPONSIBLE_OFFICER"], stepUpAt: Date | null = new Date()) => signedInUser(prisma, roles, { stepUpAt });

async function counts() {
  const [affiliates, registrations, designations, notifications, audit] = await Promise.all([
    prisma.afmmAffiliate.count(),
    prisma.staffRegistration.count(),
    prisma.afmmOversightDesignation.count(),
    prisma.afmmSfcNotification.count(),
    prisma.auditLog.count({ where: { action: { startsWith: "afmm." } } }),
  ]);
  return { affiliates, registrations, designations, notifications, audit };
}

const affiliate = {
  legalName: "HKP Liquidity Limited",
  relationship: "Wholly owned subsidiary of the holding company",
  agreementRef: "MMA-1",
  agreementDate: "2026-10-01",
};

describe("AFMM-1, AFMM-4, AFMM-9: governance records", () => {
  it("AFMM-1: an approved affiliate needs the SFC permission's reference; client-range, repeated or malformed account ids are refused and nothing is written", async () => {
    const ctx = contextFor(prisma, await officer());
    const before = await counts();
    const refused: [Record<string, unknown>, string][] = [
      [{ ...affiliate, engineAccountIds: "1", approved: "on" }, "SFC's permission"],
      [{ ...affiliate, engineAccountIds: "1", approved: true, approvalRef: "x" }, "SFC's permission"],
      [{ ...affiliate, engineAccountIds: "1000000" }, "engine account ids"],
      [{ ...affiliate, engineAccountIds: "0" }, "engine account ids"],
      [{ ...affiliate, engineAccountIds: "1, 1" }, "engine account ids"],
      [{ ...affiliate, engineAccountIds: "1; DROP TABLE" }, "engine account ids"],
      [{ ...affiliate, engineAccountIds: [] }, "engine account ids"],
      [{ ...affiliate, engineAccountIds: "1", legalName: "x".repeat(10_000) }, "legal name"],
      [{ ...affiliate, engineAccountIds: "1", agreementDate: "2026-02-30" }, "YYYY-MM-DD"],
      [{ ...affiliate, engineAccountIds: "1", agreementDate: { $gt: "" } }, "YYYY-MM-DD"],
    ];
    for (const [input, message] of refused) {
      await expect(registerAffiliate({ ctx, input: input as never }), JSON.stringify(input).slice(0, 80)).rejects.toMatchObject({
        status: 422,
        message: expect.stringContaining(message),
      });
    }
    expect(await counts()).toEqual(before);

    const { id } = await registerAffiliate({ ctx, input: { ...affiliate, engineAccountIds: "1, 2", approved: "on", approvalRef: "SFC letter 2026/AFMM/01" } });
    const row = await prisma.afmmAffiliate.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ approved: true, engineAccountIds: [1, 2], createdById: ctx.actor!.userId });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "afmm.affiliate_register", entityId: id } });
    expect(audit).toMatchObject({ actorId: ctx.actor!.userId, reason: "SFC letter 2026/AFMM/01" });
    // The same account cannot belong to two current affiliates.
    await expect(registerAffiliate({ ctx, input: { ...affiliate, legalName: "Other Co", engineAccountIds: "2" } })).rejects.toMatchObject({
      status: 409,
      message: "Engine account 2 is already registered to HKP Liquidity Limited.",
    });
  });

  it("AFMM-4: only platform staff are registered, an RO must hold the RO role, and only an active registration can be designated, one current per capacity", async () => {
    const ctx = contextFor(prisma, await officer(["COMPLIANCE_OFFICER"]));
    const ro = await officer();
    const co = await officer(["COMPLIANCE_OFFICER"]);
    const client = await signedInUser(prisma, ["CLIENT"]);
    const trader = await signedInUser(prisma, ["AFMM_TRADER"]);
    const before = await counts();
    const register = (email: string, capacity: string) =>
      addStaffRegistration({ ctx, input: { email, capacity: capacity as "RO", reference: "BXX001", effectiveFrom: "2026-01-01" } });
    await expect(register("nobody@test.example", "RO")).rejects.toMatchObject({ status: 422, message: "No user has that e-mail address." });
    await expect(register(client.email, "MIC")).rejects.toMatchObject({ status: 422, message: expect.stringContaining("no platform role") });
    await expect(register(trader.email, "MIC")).rejects.toMatchObject({ status: 422, message: expect.stringContaining("no platform role") });
    await expect(register(co.email, "RO")).rejects.toMatchObject({ status: 422, message: expect.stringContaining("Responsible Officer role") });
    await expect(register(ro.email, "CEO")).rejects.toMatchObject({ status: 422 });
    await expect(designateOfficer({ ctx, input: { registrationId: "not-a-uuid" } })).rejects.toMatchObject({ status: 422 });
    await expect(designateOfficer({ ctx, input: { registrationId: crypto.randomUUID() } })).rejects.toMatchObject({ status: 404 });
    expect(await counts()).toEqual(before);

    const { id: roRegistration } = await register(ro.email, "RO");
    await expect(register(ro.email, "RO")).rejects.toMatchObject({ status: 409, message: "This user already has an active RO registration." });
    const { id: coRegistration } = await register(co.email, "MIC");
    // Not yet effective: refused.
    const { id: future } = await addStaffRegistration({ ctx, input: { email: ro.email, capacity: "MIC", reference: "MIC-OMO", effectiveFrom: "2099-01-01" } });
    await expect(designateOfficer({ ctx, input: { registrationId: future } })).rejects.toMatchObject({
      status: 412,
      message: expect.stringContaining("not yet effective"),
    });

    const { id: designation } = await designateOfficer({ ctx, input: { registrationId: roRegistration } });
    expect(await prisma.afmmOversightDesignation.findUniqueOrThrow({ where: { id: designation } })).toMatchObject({
      officerId: ro.userId,
      capacity: "RO",
      endedAt: null,
      assignedById: ctx.actor!.userId,
    });
    await expect(designateOfficer({ ctx, input: { registrationId: roRegistration } })).rejects.toMatchObject({
      status: 409,
      message: "There is already a current RO designation; end it before designating another.",
    });
    // An MIC may be designated beside the RO.
    const { id: micDesignation } = await designateOfficer({ ctx, input: { registrationId: coRegistration } });
    await endDesignation({ ctx, input: { id: micDesignation, reason: "Handed over to the RO" } });
    await expect(endDesignation({ ctx, input: { id: micDesignation, reason: "again and again" } })).rejects.toMatchObject({ status: 409 });
    // An ended registration cannot be designated.
    await endStaffRegistration({ ctx, input: { id: coRegistration, reason: "Left the function" } });
    await expect(designateOfficer({ ctx, input: { registrationId: coRegistration } })).rejects.toMatchObject({ status: 412 });
    // A registered RO who has since lost the RO role is refused.
    await endDesignation({ ctx, input: { id: designation, reason: "Re-designation test" } });
    await prisma.userRole.deleteMany({ where: { userId: ro.userId } });
    await prisma.userRole.create({ data: { userId: ro.userId, role: "COMPLIANCE_OFFICER", family: "PLATFORM" } });
    await expect(designateOfficer({ ctx, input: { registrationId: roRegistration } })).rejects.toMatchObject({
      status: 412,
      message: expect.stringContaining("does not hold the role"),
    });
  });

  it("AFMM-9: a notification needs a date not after today and two SHA-256 of 64 hex characters; withdrawal needs a reason and happens once", async () => {
    const ctx = contextFor(prisma, await officer());
    const before = await counts();
    const valid = { notifiedOn: "2026-11-01", thirdPartyReportRef: "IPR-1", thirdPartyReportSha256: HASH, micDeclarationSha256: HASH };
    for (const bad of [
      { thirdPartyReportSha256: "" },
      { thirdPartyReportSha256: HASH.slice(2) },
      { micDeclarationSha256: `${HASH}00` },
      { micDeclarationSha256: "zz".repeat(32) },
      { notifiedOn: "yesterday" },
      { notifiedOn: "2999-01-01" },
      { thirdPartyReportRef: "" },
    ]) {
      await expect(recordSfcNotification({ ctx, input: { ...valid, ...bad } }), JSON.stringify(bad)).rejects.toMatchObject({ status: 422 });
    }
    expect(await counts()).toEqual(before);
    const { id } = await recordSfcNotification({ ctx, input: { ...valid, micDeclarationSha256: HASH.toUpperCase() } });
    expect(await prisma.afmmSfcNotification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      micDeclarationSha256: HASH,
      recordedById: ctx.actor!.userId,
    });
    await expect(withdrawSfcNotification({ ctx, input: { id, reason: "" } })).rejects.toMatchObject({ status: 422 });
    await withdrawSfcNotification({ ctx, input: { id, reason: "The SFC asked for a new report" } });
    await expect(withdrawSfcNotification({ ctx, input: { id, reason: "The SFC asked again" } })).rejects.toMatchObject({ status: 409 });
    expect(await prisma.afmmSfcNotification.findUniqueOrThrow({ where: { id } })).toMatchObject({ withdrawReason: "The SFC asked for a new report" });
  });

  it("AFMM-4, AFMM-9: turning AFMM order entry on without a designated officer or an SFC notification fails, naming what is missing", async () => {
    const ctx = contextFor(prisma, await officer());
    await prisma.afmmOversightDesignation.updateMany({ where: { endedAt: null }, data: { endedAt: new Date(), endReason: "test" } });
    await prisma.afmmSfcNotification.updateMany({ where: { withdrawnAt: null }, data: { withdrawnAt: new Date() } });
    await expect(enableAfmmOrderEntry({ ctx })).rejects.toMatchObject({
      status: 412,
      message:
        "Order entry by the affiliated market maker cannot be enabled: no Responsible Officer or Manager-in-Charge is designated to oversee it; no notification to the SFC is on record.",
    });
    const view = await getAfmmGovernance({ ctx });
    expect(view.gates).toEqual({ enabled: false, missing: ["designated_officer", "sfc_notification"] });
    expect(view.engine).toBe("unavailable");
  });

  it("AFMM-1, AFMM-4, AFMM-9: without the permission, or without a fresh step-up, every governance verb is refused and nothing is written", async () => {
    const before = await counts();
    const reg = (await prisma.staffRegistration.findFirstOrThrow()).id;
    const verbs = (ctx: ReturnType<typeof contextFor>) => [
      registerAffiliate({ ctx, input: { ...affiliate, engineAccountIds: "7" } }),
      addStaffRegistration({ ctx, input: { email: "x@test.example", capacity: "RO", reference: "BXX", effectiveFrom: "2026-01-01" } }),
      endStaffRegistration({ ctx, input: { id: reg, reason: "unauthorised" } }),
      designateOfficer({ ctx, input: { registrationId: reg } }),
      endDesignation({ ctx, input: { id: reg, reason: "unauthorised" } }),
      recordSfcNotification({ ctx, input: { notifiedOn: "2026-11-01", thirdPartyReportRef: "IPR", thirdPartyReportSha256: HASH, micDeclarationSha256: HASH } }),
      withdrawSfcNotification({ ctx, input: { id: reg, reason: "unauthorised" } }),
      enableAfmmOrderEntry({ ctx }),
    ];
    for (const roles of [["AUDITOR"], ["ADMIN"], ["AFMM_TRADER"], ["CLIENT"]] as Role[][]) {
      for (const call of verbs(contextFor(prisma, await officer(roles))))
        await expect(call, roles.join()).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
    }
    for (const stale of [null, new Date(Date.now() - 6 * 60_000)]) {
      for (const call of verbs(contextFor(prisma, await officer(["COMPLIANCE_OFFICER"], stale)))) {
        await expect(call).rejects.toMatchObject({
          status: 403,
          code: "STEP_UP_REQUIRED",
          message: expect.stringContaining("fresh second-factor confirmation"),
        });
      }
    }
    for (const call of verbs(contextFor(prisma, null))) await expect(call).rejects.toMatchObject({ status: 401 });
    expect(await counts()).toEqual(before);
  });
});
