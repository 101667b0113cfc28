import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Actor } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { createConflict } from "@/lib/services/conflicts/create-conflict";
import { updateConflict } from "@/lib/services/conflicts/update-conflict";
import { listConflicts } from "@/lib/services/conflicts/list-conflicts";
import { getConflict } from "@/lib/services/conflicts/get-conflict";
import { exportConflicts } from "@/lib/services/conflicts/export-conflicts";
import { publishPolicy } from "@/lib/services/conflicts/publish-policy";
import { attestPolicy } from "@/lib/services/conflicts/attest-policy";
import { listMyPolicies } from "@/lib/services/conflicts/list-my-policies";
import { listAttestationStatus } from "@/lib/services/conflicts/list-attestation-status";
import { policyTextSha256 } from "@/lib/services/conflicts/policy-text";
import { runAttestationSweep } from "@/lib/services/conflicts/attestation-sweep";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const tag = crypto.randomBytes(4).toString("hex");
let officer: Actor;
let ro: Actor;
let trader: Actor;
let auditor: Actor;

const entry = (owner: string, overrides: Record<string, unknown> = {}) => ({
  title: `AFMM quotes against clients ${tag}`,
  description: "The affiliate quotes in markets where the platform's clients trade.",
  ownerId: owner,
  mitigation: "Surveillance of every AFMM fill against a client; RO review.",
  status: "OPEN" as const,
  reviewDate: "2027-03-31",
  ...overrides,
});

beforeAll(async () => {
  officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
  ro = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"]);
  trader = await signedInUser(prisma, ["AFMM_TRADER"]);
  auditor = await signedInUser(prisma, ["AUDITOR"]);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("AFMM-3: the conflicts-of-interest register", () => {
  it("AFMM-3: creating an entry writes version 1 with the whole entry and an audit row; the owner must be platform staff", async () => {
    const ctx = contextFor(prisma, officer);
    const { id, version } = await createConflict({ ctx, input: entry(ro.userId) });
    expect(version).toBe(1);
    const versions = await prisma.conflictVersion.findMany({ where: { conflictId: id } });
    expect(versions).toHaveLength(1);
    expect(versions[0].snapshot).toMatchObject({ ownerId: ro.userId, status: "OPEN", reviewDate: "2027-03-31" });
    expect(await prisma.auditLog.count({ where: { action: "conflict.create", entityId: id } })).toBe(1);
    const before = await prisma.conflictEntry.count();
    await expect(createConflict({ ctx, input: entry(trader.userId) })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/platform's staff/),
    });
    await expect(createConflict({ ctx, input: entry(ro.userId, { title: "x".repeat(201) }) })).rejects.toMatchObject({ status: 422 });
    await expect(createConflict({ ctx, input: entry(ro.userId, { reviewDate: "2027-02-30" }) })).rejects.toMatchObject({ status: 422 });
    await expect(createConflict({ ctx, input: entry(ro.userId, { status: "SOLVED" }) })).rejects.toMatchObject({ status: 422 });
    expect(await prisma.conflictEntry.count()).toBe(before);
  });

  it("AFMM-3: an update must name the version it edits; a stale version is refused with its own message and changes nothing", async () => {
    const ctx = contextFor(prisma, officer);
    const { id } = await createConflict({ ctx, input: entry(ro.userId) });
    const changed = await updateConflict({ ctx, input: { ...entry(ro.userId, { status: "MITIGATED" }), id, version: 1, changeNote: "Surveillance live" } });
    expect(changed.version).toBe(2);
    await expect(updateConflict({ ctx, input: { ...entry(ro.userId, { status: "CLOSED" }), id, version: 1, changeNote: "Closing" } })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/version 1.*version 2/),
    });
    await expect(updateConflict({ ctx, input: { ...entry(ro.userId), id, version: 2, changeNote: "  " } })).rejects.toMatchObject({ status: 422 });
    const row = await prisma.conflictEntry.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ version: 2, status: "MITIGATED" });
    const { versions } = await getConflict({ ctx, input: { id } });
    expect(versions.map((v) => [v.version, v.snapshot.status, v.changeNote])).toEqual([
      [2, "MITIGATED", "Surveillance live"],
      [1, "OPEN", "Created"],
    ]);
    expect(await prisma.auditLog.count({ where: { action: "conflict.update", entityId: id } })).toBe(1);
  });

  it("AFMM-3: two simultaneous edits of the same version: one wins, the other is told the entry changed", async () => {
    const ctx = contextFor(prisma, officer);
    const { id } = await createConflict({ ctx, input: entry(ro.userId) });
    const results = await Promise.allSettled(
      ["A", "B"].map((note) =>
        updateConflict({
          ctx: contextFor(prisma, note === "A" ? officer : ro),
          input: { ...entry(ro.userId, { mitigation: note }), id, version: 1, changeNote: note },
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => r.reason.status)).toEqual([409]);
    expect(await prisma.conflictVersion.count({ where: { conflictId: id } })).toBe(2);
  });

  it("AFMM-3: the register filters by status and by review overdue, and exports as CSV (audited)", async () => {
    const ctx = contextFor(prisma, officer);
    const { id: overdue } = await createConflict({ ctx, input: entry(ro.userId, { title: `Overdue ${tag}`, reviewDate: "2020-01-31" }) });
    const listed = await listConflicts({ ctx, input: { overdue: "1" } });
    expect(listed.map((row) => row.id)).toContain(overdue);
    expect(listed.every((row) => row.reviewOverdue)).toBe(true);
    expect((await listConflicts({ ctx, input: { status: "CLOSED" } })).every((row) => row.status === "CLOSED")).toBe(true);
    const { csv, rows } = await exportConflicts({ ctx: contextFor(prisma, auditor), input: {} });
    expect(rows).toBeGreaterThan(0);
    expect(csv.split("\r\n")[0]).toBe(
      "id,title,description,status,ownerName,ownerEmail,mitigation,reviewDate,reviewOverdue,version,sourceReviewId,createdAt,updatedAt",
    );
    expect(csv).toContain(`Overdue ${tag}`);
    expect(await prisma.auditLog.count({ where: { action: "report.generate", entity: "ConflictEntry", actorId: auditor.userId } })).toBe(1);
  });

  it("AFMM-3: the AFMM trader and auditors cannot change the register; the AFMM trader cannot read it", async () => {
    for (const actor of [trader, auditor]) {
      await expect(createConflict({ ctx: contextFor(prisma, actor), input: entry(ro.userId) })).rejects.toMatchObject({ status: 403 });
    }
    await expect(listConflicts({ ctx: contextFor(prisma, trader), input: {} })).rejects.toMatchObject({ status: 403 });
  });
});

describe("AFMM-3: policies and annual attestations", () => {
  const title = `AFMM conflicts policy ${tag}`;
  const text = "Staff put clients' interests first. The affiliate receives no non-public client information.";
  let policyId: string;

  it("AFMM-3: publishing keeps the text's SHA-256 on the policy and the text in the audit log; a version not above the latest is refused", async () => {
    const ctx = contextFor(prisma, officer, () => new Date(Date.now() - 40 * 86_400_000));
    const published = await publishPolicy({ ctx, input: { title, version: 1, text } });
    policyId = published.id;
    expect(published.textSha256).toBe(policyTextSha256(text));
    await expect(publishPolicy({ ctx, input: { title, version: 1, text: "other" } })).rejects.toMatchObject({ status: 409 });
    await expect(publishPolicy({ ctx: contextFor(prisma, trader), input: { title, version: 2, text } })).rejects.toMatchObject({ status: 403 });
    const mine = await listMyPolicies({ ctx: contextFor(prisma, trader) });
    expect(mine.find((p) => p.id === policyId)).toMatchObject({ text, textMatches: true, attestedThisYearAt: null });
  });

  it("AFMM-3: every member of staff, the AFMM trader included, attests once a year; a repeat is refused; two at once leave one row", async () => {
    const ctx = contextFor(prisma, trader);
    const first = await attestPolicy({ ctx, input: { policyId } });
    await expect(attestPolicy({ ctx, input: { policyId } })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already attested/) });
    expect(first.year).toBeGreaterThan(2000);
    const both = await Promise.allSettled([
      attestPolicy({ ctx: contextFor(prisma, ro), input: { policyId } }),
      attestPolicy({ ctx: contextFor(prisma, ro), input: { policyId } }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.policyAttestation.count({ where: { policyId, userId: ro.userId } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "policy.attest", actorId: ro.userId } })).toBe(1);
    await expect(attestPolicy({ ctx, input: { policyId: "no-such-policy" } })).rejects.toMatchObject({ status: 404 });
  });

  it("AFMM-3: an attestation overdue shows as an alert in the status list: staff who have not attested 30 days after the policy took effect", async () => {
    // The users were created just now: seen from 31 days on, the grace period has passed for those who have not attested.
    const later = new Date(Date.now() + 31 * 86_400_000);
    const { rows } = await listAttestationStatus({ ctx: contextFor(prisma, auditor, () => later) });
    const mine = rows.filter((row) => row.policyId === policyId);
    expect(mine.find((row) => row.userId === trader.userId)).toMatchObject({ family: "AFMM", overdue: false });
    expect(mine.find((row) => row.userId === officer.userId)).toMatchObject({ family: "PLATFORM", overdue: true, attestedThisYearAt: null });
    await expect(listAttestationStatus({ ctx: contextFor(prisma, trader) })).rejects.toMatchObject({ status: 403 });
  });

  it("AFMM-3: an overdue attestation puts an alert in the officers' inboxes and the late person's, once", async () => {
    const later = new Date(Date.now() + 31 * 86_400_000);
    const first = await runAttestationSweep({ db: prisma, now: () => later });
    expect(first).toBeGreaterThan(0);
    const aboutOfficer = await prisma.clientNotice.findMany({
      where: { kind: "attestationOverdue", dedupeKey: { startsWith: `attestation-overdue:${policyId}:${officer.userId}:` } },
    });
    expect(aboutOfficer.map((notice) => notice.userId)).toEqual(expect.arrayContaining([officer.userId, ro.userId]));
    expect(aboutOfficer[0].title).toContain("Conflicts policy attestation overdue");
    expect(
      await prisma.clientNotice.count({
        where: { kind: "attestationOverdue", dedupeKey: { startsWith: `attestation-overdue:${policyId}:${trader.userId}:` } },
      }),
    ).toBe(0);
    expect(await runAttestationSweep({ db: prisma, now: () => later })).toBe(0);
  });
});
