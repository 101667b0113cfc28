import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Actor } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { assignReview } from "@/lib/services/afmm/assign-review";
import { commentReview } from "@/lib/services/afmm/comment-review";
import { BREACH_CONFLICT_REVIEW_MS, decideReview } from "@/lib/services/afmm/decide-review";
import { getReview } from "@/lib/services/afmm/get-review";
import { listReviews } from "@/lib/services/afmm/list-reviews";
import { REVIEW_POLICY } from "@/lib/surveillance/review-policy";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const REASON = "Checked the fills against the mark and the client flow: nothing improper.";

let designated: Actor;
let otherRo: Actor;
let co: Actor;
let noStepUp: Actor;

/** A designation as the governance verbs leave it: an RO registration and the current designation naming the officer. */
async function designate(officer: Actor): Promise<void> {
  await prisma.afmmOversightDesignation.updateMany({ where: { endedAt: null }, data: { endedAt: new Date(), endReason: "test" } });
  const registration = await prisma.staffRegistration.create({
    data: { userId: officer.userId, capacity: "RO", reference: `CE-${randomInt(1e6)}`, effectiveFrom: new Date("2026-01-01T00:00:00Z") },
  });
  await prisma.afmmOversightDesignation.create({
    data: { officerId: officer.userId, registrationId: registration.id, capacity: "RO", assignedAt: new Date(), assignedById: officer.userId },
  });
}

/** A sampled-trade item as the projection writes it (its trade seq unique among samples). */
async function openItem(overrides: { status?: string; dueAt?: Date } = {}): Promise<string> {
  const now = new Date();
  const review = await prisma.afmmReview.create({
    data: {
      kind: "sample",
      tradeSeq: BigInt(randomInt(1, 2 ** 47)),
      market: "BTC-PERP",
      tradeAtMs: BigInt(now.getTime()),
      status: overrides.status ?? "open",
      openedAt: now,
      dueAt: overrides.dueAt ?? new Date(now.getTime() + REVIEW_POLICY.slaMs.sample),
    },
  });
  return review.id;
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const auditCount = (entityId: string) => prisma.auditLog.count({ where: { entityId } });

beforeAll(async () => {
  const fresh = new Date(Date.now() + 60_000);
  designated = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: fresh });
  otherRo = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: fresh });
  co = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: fresh });
  noStepUp = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"]);
  await designate(designated);
});

describe("AFMM-8, AFMM-4: deciding a review item", () => {
  it("AFMM-4: a Responsible Officer who is not the designated oversight officer cannot close an item (no issue or breach): specific error, nothing changes", async () => {
    const id = await openItem();
    for (const decision of ["NO_ISSUE", "BREACH"] as const) {
      const error = await refusal(decideReview({ ctx: contextFor(prisma, otherRo), input: { reviewId: id, decision, reason: REASON } }));
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toContain("Only the designated AFMM oversight officer");
    }
    const row = await prisma.afmmReview.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.decision, row.closedAt]).toEqual(["open", null, null]);
    expect(await auditCount(id)).toBe(0);
    expect(await prisma.conflictEntry.count({ where: { sourceReviewId: id } })).toBe(0);
  });

  it("AFMM-8: any compliance officer may escalate; the item stays open (escalated) until the designated officer closes it, with reviewer id, time and step-up recorded", async () => {
    const id = await openItem();
    const escalated = await decideReview({
      ctx: contextFor(prisma, co),
      input: { reviewId: id, decision: "ESCALATE", reason: "Large size against a client; needs the officer's view." },
    });
    expect(escalated).toMatchObject({ status: "escalated", decision: "ESCALATE", conflictId: null });
    let row = await prisma.afmmReview.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.closedAt, row.decidedById]).toEqual(["escalated", null, co.userId]);
    // Escalating twice is refused.
    expect(
      (await refusal(decideReview({ ctx: contextFor(prisma, otherRo), input: { reviewId: id, decision: "ESCALATE", reason: REASON } }))).message,
    ).toContain("already escalated");
    const closed = await decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: id, decision: "NO_ISSUE", reason: REASON } });
    expect(closed).toMatchObject({ status: "closed", decision: "NO_ISSUE" });
    row = await prisma.afmmReview.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("closed");
    expect(row.decidedById).toBe(designated.userId);
    expect(row.decisionReason).toBe(REASON);
    expect(row.closedAt).toBeInstanceOf(Date);
    expect(row.stepUpAt?.getTime()).toBe(designated.stepUpAt?.getTime());
    const audit = await prisma.auditLog.findMany({ where: { entityId: id, action: "afmm.review_decide" }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.actorId, (a.after as { decision: string }).decision])).toEqual([
      [co.userId, "ESCALATE"],
      [designated.userId, "NO_ISSUE"],
    ]);
  });

  it("AFMM-8: a closed item, an unknown id, an empty reason and a missing step-up (SEC-1) are refused with their own errors, and nothing is written", async () => {
    const id = await openItem();
    await decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: id, decision: "NO_ISSUE", reason: REASON } });
    const before = await auditCount(id);
    const again = await refusal(decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: id, decision: "BREACH", reason: REASON } }));
    expect([again.code, again.message]).toEqual(["CONFLICT", "This review item is already closed; it cannot be changed."]);
    const unknown = await refusal(
      decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: "00000000-0000-4000-8000-000000000000", decision: "NO_ISSUE", reason: REASON } }),
    );
    expect(unknown.code).toBe("NOT_FOUND");
    const open = await openItem();
    const empty = await refusal(decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: open, decision: "NO_ISSUE", reason: "   " } }));
    expect(empty.code).toBe("INVALID");
    expect(empty.fieldErrors?.reason?.[0]).toContain("Give the reason");
    const bogus = await refusal(
      decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: open, decision: "APPROVE" as "NO_ISSUE", reason: REASON } }),
    );
    expect(bogus.code).toBe("INVALID");
    const stepUp = await refusal(decideReview({ ctx: contextFor(prisma, noStepUp), input: { reviewId: open, decision: "ESCALATE", reason: REASON } }));
    expect(stepUp.code).toBe("STEP_UP_REQUIRED");
    const stale = await refusal(
      decideReview({
        ctx: contextFor(prisma, designated, () => new Date(Date.now() + 3_600_000)),
        input: { reviewId: open, decision: "NO_ISSUE", reason: REASON },
      }),
    );
    expect(stale.code).toBe("STEP_UP_REQUIRED");
    const client = await signedInUser(prisma, ["CLIENT"]);
    expect((await refusal(decideReview({ ctx: contextFor(prisma, client), input: { reviewId: open, decision: "NO_ISSUE", reason: REASON } }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await auditCount(id)).toBe(before);
    expect(await auditCount(open)).toBe(0);
    expect((await prisma.afmmReview.findUniqueOrThrow({ where: { id: open } })).status).toBe("open");
  });

  it("AFMM-8: the same decision sent 10 times at once closes the item once (one decision, one audit entry, one register entry)", async () => {
    const id = await openItem();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: id, decision: "BREACH", reason: REASON } })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect((r.reason as ServiceError).code).toBe("CONFLICT");
    expect(await prisma.auditLog.count({ where: { entityId: id, action: "afmm.review_decide" } })).toBe(1);
    expect(await prisma.conflictEntry.count({ where: { sourceReviewId: id } })).toBe(1);
    expect(await prisma.complianceIncident.count({ where: { sourceReviewId: id } })).toBe(1);
  });

  it("AFMM-8, AFMM-3: a breach opens, in the same transaction, a register entry (version 1, owned by the designated officer, open, review in 30 days) and a compliance incident, both audited and linked to the item", async () => {
    const id = await openItem();
    const now = new Date();
    const result = await decideReview({ ctx: contextFor(prisma, designated, () => now), input: { reviewId: id, decision: "BREACH", reason: REASON } });
    expect(result.status).toBe("closed");
    const conflict = await prisma.conflictEntry.findUniqueOrThrow({ where: { sourceReviewId: id }, include: { versions: true } });
    expect(conflict.id).toBe(result.conflictId);
    expect([conflict.ownerId, conflict.status, conflict.version, conflict.description]).toEqual([designated.userId, "OPEN", 1, REASON]);
    expect(conflict.reviewDate.toISOString()).toBe(`${new Date(now.getTime() + BREACH_CONFLICT_REVIEW_MS).toISOString().slice(0, 10)}T00:00:00.000Z`);
    expect(conflict.versions[0].snapshot).toMatchObject({
      ownerId: designated.userId,
      status: "OPEN",
      reviewDate: conflict.reviewDate.toISOString().slice(0, 10),
    });
    expect(conflict.versions.map((v) => [v.version, v.changedById])).toEqual([[1, designated.userId]]);
    const incident = await prisma.complianceIncident.findUniqueOrThrow({ where: { sourceReviewId: id } });
    expect([incident.id, incident.kind, incident.status, incident.conflictId]).toEqual([result.complianceIncidentId, "afmm_breach", "open", conflict.id]);
    expect(await prisma.auditLog.count({ where: { action: "conflict.create", entityId: conflict.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "compliance_incident.open", entityId: incident.id } })).toBe(1);
    const detail = await getReview({ ctx: contextFor(prisma, otherRo), input: { reviewId: id } });
    expect([detail.conflictId, detail.complianceIncidentId, detail.decision, detail.decidedBy?.id]).toEqual([
      conflict.id,
      incident.id,
      "BREACH",
      designated.userId,
    ]);
  });

  it("AFMM-4: once the designation moves to another officer, the former officer can no longer close items and the new one can", async () => {
    const id = await openItem();
    await designate(otherRo);
    try {
      expect((await refusal(decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: id, decision: "NO_ISSUE", reason: REASON } }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await decideReview({ ctx: contextFor(prisma, otherRo), input: { reviewId: id, decision: "NO_ISSUE", reason: REASON } })).status).toBe("closed");
    } finally {
      await designate(designated);
    }
  });
});

describe("AFMM-8: working the queue", () => {
  it("AFMM-8: assign to self or another officer (open → in review), never to a client; comments are recorded with their author; a closed item takes neither", async () => {
    const id = await openItem();
    expect(await assignReview({ ctx: contextFor(prisma, co), input: { reviewId: id, assigneeId: otherRo.userId } })).toEqual({
      status: "in_review",
      assigneeId: otherRo.userId,
    });
    const client = await signedInUser(prisma, ["CLIENT"]);
    expect((await refusal(assignReview({ ctx: contextFor(prisma, co), input: { reviewId: id, assigneeId: client.userId } }))).code).toBe("INVALID");
    await commentReview({ ctx: contextFor(prisma, otherRo), input: { reviewId: id, body: "Looked at the book around the fill." } });
    expect((await refusal(commentReview({ ctx: contextFor(prisma, otherRo), input: { reviewId: id, body: "x".repeat(2001) } }))).code).toBe("INVALID");
    const detail = await getReview({ ctx: contextFor(prisma, co), input: { reviewId: id } });
    expect(detail.assignee?.id).toBe(otherRo.userId);
    expect(detail.comments.map((c) => [c.author?.id, c.body])).toEqual([[otherRo.userId, "Looked at the book around the fill."]]);
    await decideReview({ ctx: contextFor(prisma, designated), input: { reviewId: id, decision: "NO_ISSUE", reason: REASON } });
    expect((await refusal(commentReview({ ctx: contextFor(prisma, co), input: { reviewId: id, body: "Late note." } }))).code).toBe("CONFLICT");
    expect((await refusal(assignReview({ ctx: contextFor(prisma, co), input: { reviewId: id, assigneeId: co.userId } }))).code).toBe("CONFLICT");
    expect(await prisma.auditLog.count({ where: { entityId: id, action: { in: ["afmm.review_assign", "afmm.review_comment"] } } })).toBe(2);
  });

  it("AFMM-8: the queue shows ageing and SLA standing and filters overdue and unassigned items", async () => {
    // Long overdue, so it heads the earliest-deadline-first page even when other files' overdue items share the schema.
    const overdue = await openItem({ dueAt: new Date(Date.now() - 10 * 365 * 86_400_000) });
    const rows = await listReviews({ ctx: contextFor(prisma, co), input: { overdue: true, assignee: "none" } });
    const row = rows.find((r) => r.id === overdue);
    expect(row).toMatchObject({ overdue: true, sla: "overdue", kind: "sample", assignee: null });
    expect(rows.every((r) => r.overdue && r.assignee === null)).toBe(true);
    const auditor = await signedInUser(prisma, ["AUDITOR"]);
    expect((await listReviews({ ctx: contextFor(prisma, auditor), input: { status: "unclosed", overdue: true } })).some((r) => r.id === overdue)).toBe(true);
    const afmm = await signedInUser(prisma, ["AFMM_TRADER"]);
    expect((await refusal(listReviews({ ctx: contextFor(prisma, afmm) }))).code).toBe("FORBIDDEN");
    expect((await refusal(getReview({ ctx: contextFor(prisma, afmm), input: { reviewId: overdue } }))).code).toBe("FORBIDDEN");
  });
});
