import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createUser } from "@/prisma/factories";
import { createPrismaClient } from "@/lib/prisma-client";
import { erasedEmail } from "@/lib/retention/policy";
import { Conflict, Invalid, NotFound, ServiceError, StepUpRequired } from "@/lib/services/errors";
import { contextFor, signedInUser, unique } from "@/test/service-context";
import { runRetentionPurgeJob } from "./purge-job";
import { getRetentionOverview, placeLegalHold, purgeClient, releaseLegalHold } from "./retention";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);

afterAll(async () => {
  await prisma.$disconnect();
});

/** The officers' clock: 2030, so a client closed in mid-2021 is past the 7-year default and one closed in 2025 is not. */
const WALL = new Date(Date.UTC(2030, 0, 15, 2));
const EXPIRED_CLOSURE = new Date(Date.UTC(2021, 5, 1));
const RECENT_CLOSURE = new Date(Date.UTC(2025, 5, 1));
const PERSONAL = "Chan Tai Man";

async function officer(stepUpAt: Date | null = WALL) {
  const actor = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt });
  return contextFor(prisma, actor, () => WALL);
}

/** A client with personal data in every table the purge erases. */
async function client({ closedAt }: { closedAt: Date | null }) {
  const email = unique("client");
  const user = await createUser(prisma, { email, name: PERSONAL, roles: ["CLIENT"], totpSecret: "JBSWY3DPEHPK3PXP" });
  // Created after the other files' back-dated periods (the questionnaire's is May 2019), so files sharing the schema do not count these clients.
  await prisma.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.UTC(2020, 0, 1)), closedAt } });
  const at = new Date(Date.UTC(2020, 0, 1));
  await prisma.authSession.create({ data: { id: crypto.randomBytes(16).toString("hex"), userId: user.id, expiresAt: WALL } });
  await prisma.knownDevice.create({ data: { userId: user.id, tokenHash: "t".repeat(64), createdAt: at, lastSeenAt: at, userAgent: "Firefox" } });
  await prisma.emailVerification.create({
    data: { id: crypto.randomUUID(), userId: user.id, email, codeHash: "c".repeat(64), createdAt: at, expiresAt: at },
  });
  const document = await prisma.evidenceDocument.create({
    data: {
      userId: user.id,
      fileName: `passport ${PERSONAL}.pdf`,
      mediaType: "application/pdf",
      sizeBytes: 5,
      sha256: "a".repeat(64),
      content: Buffer.from("%PDF-"),
      uploadedAt: at,
    },
  });
  const draft = {
    category: "individual",
    institutionalBasis: `I am ${PERSONAL}`,
    portfolio: [
      {
        assetClass: "securities",
        custodianOrIssuer: "Bank of Chan",
        valueMinor: "800000000",
        currency: "HKD",
        statementDate: "2019-12-01",
        documentId: document.id,
      },
    ],
    workExperience: [{ employer: "Chan Trading", role: "Trader", years: 3, relatesToDerivatives: true, derivativeDuties: "Hedging", documentId: null }],
  };
  const submission = await prisma.suitabilitySubmission.create({
    data: {
      userId: user.id,
      version: 1,
      submittedAt: at,
      assessmentDate: "2020-01-01",
      record: { draft, documents: [{ id: document.id, sha256: document.sha256, fileName: document.fileName }] },
      piPassed: true,
      knowledgePassed: true,
      quizPassed: true,
      evaluatorPassed: true,
      recordHash: "h".repeat(64),
    },
  });
  await prisma.onboardingCase.create({
    data: {
      userId: user.id,
      status: "APPROVED",
      draft,
      draftUpdatedAt: at,
      statusChangedAt: at,
      verifiedAt: at,
      latestSubmissionId: submission.id,
      statusReason: `Approved ${PERSONAL}`,
    },
  });
  await prisma.suitabilityReview.create({
    data: {
      submissionId: submission.id,
      officerId: user.id,
      officerEmail: "officer@test.example",
      decision: "APPROVE",
      reason: `${PERSONAL} is a PI`,
      overridesEvaluator: false,
      decidedAt: at,
    },
  });
  await prisma.authorisedTrader.create({ data: { userId: user.id, name: PERSONAL, position: "Director", addedAt: at } });
  return { id: user.id, email, documentId: document.id, submissionId: submission.id };
}

const key = (error: unknown) => (error as ServiceError).userMessage?.key;
const audits = (action: string, entityId: string) => prisma.auditLog.findMany({ where: { action, entityId } });

describe("retention: purge refusals, legal holds and erasure", () => {
  it("REC-2: a client younger than retention, or whose relationship is open, cannot be purged and nothing changes", async () => {
    const ctx = await officer();
    const young = await client({ closedAt: RECENT_CLOSURE });
    const open = await client({ closedAt: null });
    const error = await purgeClient({ ctx, input: { userId: young.id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Conflict);
    expect(key(error)).toBe("errors.retention.notExpired");
    expect((error as ServiceError).userMessage).toMatchObject({ values: { date: "2032-06-01" } });
    expect(key(await purgeClient({ ctx, input: { userId: open.id } }).catch((e: unknown) => e))).toBe("errors.retention.relationshipOpen");
    for (const { id, email } of [young, open]) {
      expect(await prisma.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: PERSONAL, email, erasedAt: null });
      expect(await prisma.evidenceDocument.count({ where: { userId: id } })).toBe(1);
      expect(await audits("retention.purge", id)).toEqual([]);
    }
  });

  it("REC-2: a legal hold on the client, or on a whole class, blocks the purge; released, the client is purged", async () => {
    const ctx = await officer();
    const other = await officer();
    const expired = await client({ closedAt: EXPIRED_CLOSURE });

    const own = await placeLegalHold({ ctx, input: { subject: expired.email.toUpperCase(), recordClass: "amlCdd", reason: "HCA 123/2029" } });
    expect(key(await purgeClient({ ctx, input: { userId: expired.id } }).catch((e: unknown) => e))).toBe("errors.retention.held");
    const overview = await getRetentionOverview({ ctx });
    expect(overview.holds.find((hold) => hold.id === own.id)).toMatchObject({ subjectUserId: expired.id, recordClass: "amlCdd", reason: "HCA 123/2029" });
    expect(overview.classes.find((row) => row.recordClass === "amlCdd")!.held).toBeGreaterThanOrEqual(1);
    // Released by another officer: who released it is recorded.
    await releaseLegalHold({ ctx: other, input: { id: own.id } });
    expect(await prisma.legalHold.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({
      releasedById: other.actor!.userId,
      placedById: ctx.actor!.userId,
    });
    await expect(releaseLegalHold({ ctx, input: { id: own.id } })).rejects.toBeInstanceOf(Conflict);

    const classWide = await placeLegalHold({ ctx, input: { subject: "", recordClass: "orders", reason: "SFC inquiry into order records" } });
    expect(key(await purgeClient({ ctx, input: { userId: expired.id } }).catch((e: unknown) => e))).toBe("errors.retention.held");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: expired.id } })).toMatchObject({ name: PERSONAL, erasedAt: null });
    await releaseLegalHold({ ctx, input: { id: classWide.id } });

    const result = await purgeClient({ ctx, input: { userId: expired.id } });
    expect(result.counts).toMatchObject({ user: 1, evidenceDocuments: 1, submissions: 1 });
    expect(key(await purgeClient({ ctx, input: { userId: expired.id } }).catch((e: unknown) => e))).toBe("errors.retention.alreadyErased");
    expect(await audits("retention.hold_place", own.id)).toHaveLength(1);
    expect(await audits("retention.hold_release", classWide.id)).toHaveLength(1);
  });

  it("REC-7: the purge erases the personal fields, keeps decisions, dates, ids and hashes, and leaves a tombstone without personal data", async () => {
    const ctx = await officer();
    const expired = await client({ closedAt: EXPIRED_CLOSURE });
    await purgeClient({ ctx, input: { userId: expired.id } });

    const user = await prisma.user.findUniqueOrThrow({ where: { id: expired.id } });
    expect(user).toMatchObject({ name: "", email: erasedEmail(expired.id), passwordHash: "", totpSecret: null, totpPendingSecret: null, erasedAt: WALL });
    expect(user.closedAt).toEqual(EXPIRED_CLOSURE);
    for (const count of [
      prisma.authSession.count({ where: { userId: expired.id } }),
      prisma.knownDevice.count({ where: { userId: expired.id } }),
      prisma.emailVerification.count({ where: { userId: expired.id } }),
      prisma.evidenceDocument.count({ where: { userId: expired.id } }),
    ])
      expect(await count).toBe(0);
    const onboarding = await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: expired.id } });
    expect(onboarding).toMatchObject({ status: "APPROVED", latestSubmissionId: expired.submissionId, statusReason: null });
    const submission = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: expired.submissionId } });
    expect(submission).toMatchObject({ recordHash: "h".repeat(64), evaluatorPassed: true, version: 1 });
    const record = submission.record as { draft: { portfolio: Array<{ documentId: string; valueMinor: string }> }; documents: Array<{ sha256: string }> };
    expect(record.draft.portfolio[0]).toMatchObject({ documentId: expired.documentId, valueMinor: "800000000" });
    expect(record.documents[0].sha256).toBe("a".repeat(64));
    const review = await prisma.suitabilityReview.findFirstOrThrow({ where: { submissionId: expired.submissionId } });
    expect(review).toMatchObject({ decision: "APPROVE", reason: "" });
    expect(await prisma.authorisedTrader.findFirstOrThrow({ where: { userId: expired.id } })).toMatchObject({ name: "", position: "" });
    for (const stored of [onboarding.draft, submission.record]) expect(JSON.stringify(stored)).not.toMatch(/Chan|passport|Hedging|Trader/);

    const [tombstone] = await audits("retention.purge", expired.id);
    expect(tombstone).toMatchObject({ entity: "User", entityId: expired.id, actorId: ctx.actor!.userId });
    expect(tombstone.after).toMatchObject({
      classes: ["compliance", "amlCdd", "clientProfile", "complaints"],
      counts: { user: 1, evidenceDocuments: 1, onboardingCases: 1 },
    });
    const written = JSON.stringify({ after: tombstone.after, before: tombstone.before, reason: tombstone.reason });
    expect(written).not.toContain(expired.email);
    expect(written).not.toContain("Chan");
  });

  it("REC-2, REC-7: bad input is refused with a specific message and nothing is written", async () => {
    const ctx = await officer();
    const expired = await client({ closedAt: EXPIRED_CLOSURE });
    const holdsBefore = await prisma.legalHold.count();
    const auditBefore = await prisma.auditLog.count();
    const cases: Array<[{ subject: string; recordClass: string; reason: string }, string]> = [
      [{ subject: expired.email, recordClass: "everything", reason: "Litigation" }, "errors.retention.unknownClass"],
      [{ subject: expired.email, recordClass: "all", reason: "   " }, "errors.retention.badReason"],
      [{ subject: expired.email, recordClass: "all", reason: "x".repeat(1001) }, "errors.retention.badReason"],
      [{ subject: "nobody@test.example", recordClass: "all", reason: "Litigation" }, "errors.retention.noSuchClient"],
      [{ subject: ctx.actor!.userId, recordClass: "all", reason: "Staff are not clients" }, "errors.retention.noSuchClient"],
      [{ subject: "x".repeat(400), recordClass: "all", reason: "Litigation" }, "errors.retention.badRequest"],
    ];
    for (const [input, expected] of cases) {
      const error = await placeLegalHold({ ctx, input }).catch((e: unknown) => e);
      expect(error, JSON.stringify(input).slice(0, 80)).toBeInstanceOf(Invalid);
      expect(key(error)).toBe(expected);
    }
    await expect(placeLegalHold({ ctx: await officer(null), input: { subject: "", recordClass: "all", reason: "Litigation" } })).rejects.toBeInstanceOf(
      StepUpRequired,
    );
    await expect(purgeClient({ ctx: await officer(null), input: { userId: expired.id } })).rejects.toBeInstanceOf(StepUpRequired);
    await expect(releaseLegalHold({ ctx, input: { id: "not-an-id" } })).rejects.toBeInstanceOf(NotFound);
    await expect(releaseLegalHold({ ctx, input: { id: crypto.randomUUID() } })).rejects.toBeInstanceOf(NotFound);
    await expect(purgeClient({ ctx, input: { userId: ctx.actor!.userId } })).rejects.toBeInstanceOf(NotFound);
    const auditor = contextFor(prisma, await signedInUser(prisma, ["AUDITOR"], { stepUpAt: WALL }), () => WALL);
    await expect(placeLegalHold({ ctx: auditor, input: { subject: "", recordClass: "all", reason: "Litigation" } })).rejects.toMatchObject({ status: 403 });
    expect(await prisma.legalHold.count()).toBe(holdsBefore);
    expect(await prisma.auditLog.count()).toBe(auditBefore);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: expired.id } })).toMatchObject({ name: PERSONAL, erasedAt: null });
  });

  it("REC-7: the daily job purges only expired, unheld clients, records a held refusal once, and is safe run twice in parallel", async () => {
    const ctx = await officer();
    const expired = await Promise.all([client({ closedAt: EXPIRED_CLOSURE }), client({ closedAt: EXPIRED_CLOSURE })]);
    const held = await client({ closedAt: EXPIRED_CLOSURE });
    const young = await client({ closedAt: RECENT_CLOSURE });
    const open = await client({ closedAt: null });
    const hold = await placeLegalHold({ ctx, input: { subject: held.id, recordClass: "all", reason: "Police request 2029/77" } });
    const now = () => WALL;

    const runs = await Promise.all([runRetentionPurgeJob({ db: prisma, now }), runRetentionPurgeJob({ db: prisma, now })]);
    expect(runs.reduce((sum, run) => sum + run.purged, 0)).toBeGreaterThanOrEqual(2);
    for (const { id } of expired) {
      expect(await prisma.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "", erasedAt: WALL });
      const tombstones = await audits("retention.purge", id);
      expect(tombstones).toHaveLength(1);
      expect(tombstones[0].actorId).toBeNull();
    }
    for (const { id } of [held, young, open]) {
      expect(await prisma.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: PERSONAL, erasedAt: null });
      expect(await prisma.evidenceDocument.count({ where: { userId: id } })).toBe(1);
      expect(await audits("retention.purge", id)).toEqual([]);
    }
    expect(await audits("retention.purge_held", held.id)).toHaveLength(1);
    // The next day: still held, no second refusal entry.
    await runRetentionPurgeJob({ db: prisma, now: () => new Date(WALL.getTime() + 86_400_000) });
    expect(await audits("retention.purge_held", held.id)).toHaveLength(1);

    // Released: the next run purges it.
    await releaseLegalHold({ ctx, input: { id: hold.id } });
    await runRetentionPurgeJob({ db: prisma, now });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ name: "", erasedAt: WALL });
    expect(await audits("retention.purge", held.id)).toHaveLength(1);
  });
});
