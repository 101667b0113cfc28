import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Forbidden } from "@/lib/services/errors";
import { appendEvent, checkId, checkText, composeOutcomeLetter, lockComplaint, notifyComplainant, readRequest } from "./internal";
import { ComplaintIdInput, DraftLetterInput, ReviewLetterInput, type ComplaintIdRequest, type DraftLetterRequest, type ReviewLetterRequest } from "./schemas";

/**
 * CMP-1: the final response. The handler states the outcome; the portal puts it in the outcome-letter
 * template, which always carries the FDRC wording and route. The MIC (a Responsible Officer, never the
 * handler or the letter's drafter) reviews that exact letter after a step-up; a redraft needs a new
 * review. A complaint closes only with a reviewed letter and its root causes tagged.
 */

export async function draftOutcomeLetter({ ctx, input }: { ctx: ServiceContext; input: DraftLetterRequest }) {
  const actor = authorize(ctx, "complaints.handle");
  const raw = readRequest(DraftLetterInput, input, { outcome: "outcome" });
  const id = checkId(raw.id);
  const outcome = checkText(raw.outcome, "outcome", "outcome", { required: true });
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const complaint = await lockComplaint(tx, id);
    if (complaint.kind !== "complaint") throw new Conflict(msg("errors.complaints.notAComplaint"));
    if (complaint.closedAt) throw new Conflict(msg("errors.complaints.closed"));
    const letter = composeOutcomeLetter(complaint, outcome);
    await tx.complaint.update({
      where: { id },
      data: {
        letterText: letter,
        letterDraftedById: actor.userId,
        letterDraftedAt: at,
        handlerId: complaint.handlerId ?? actor.userId,
        reviewedById: null,
        reviewedAt: null,
      },
    });
    await appendEvent(tx, { complaintId: id, kind: "letter_drafted", actorId: actor.userId, at, text: letter, data: { outcome } });
    await recordAudit(tx, ctx, {
      action: "complaint.letter_draft",
      entity: "Complaint",
      entityId: id,
      after: { reference: complaint.reference, length: letter.length },
    });
    return { id, letter, letterVersion: String(at.getTime()) };
  });
}

/** Maker-checker: the MIC reviews the letter as drafted, is neither its drafter nor the handler, and has just proved a second factor. */
export async function reviewOutcomeLetter({ ctx, input }: { ctx: ServiceContext; input: ReviewLetterRequest }) {
  const actor = authorize(ctx, "complaints.review");
  requireStepUp(ctx);
  const raw = readRequest(ReviewLetterInput, input);
  const id = checkId(raw.id);
  const version = /^\d{1,16}$/.test(raw.letterVersion) ? Number(raw.letterVersion) : null;
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const complaint = await lockComplaint(tx, id);
    if (complaint.kind !== "complaint") throw new Conflict(msg("errors.complaints.notAComplaint"));
    if (complaint.closedAt) throw new Conflict(msg("errors.complaints.closed"));
    if (!complaint.letterText || !complaint.letterDraftedAt) throw new Conflict(msg("errors.complaints.noLetter"));
    if (complaint.letterDraftedById === actor.userId || complaint.handlerId === actor.userId) throw new Forbidden(msg("errors.complaints.reviewerIsHandler"));
    if (version !== complaint.letterDraftedAt.getTime()) throw new Conflict(msg("errors.complaints.letterChanged"));
    if (complaint.reviewedAt) throw new Conflict(msg("errors.complaints.alreadyReviewed"));
    await tx.complaint.update({ where: { id }, data: { reviewedById: actor.userId, reviewedAt: at } });
    await appendEvent(tx, {
      complaintId: id,
      kind: "mic_reviewed",
      actorId: actor.userId,
      at,
      data: { letterDraftedAt: complaint.letterDraftedAt.toISOString(), letterDraftedById: complaint.letterDraftedById },
    });
    await recordAudit(tx, ctx, {
      action: "complaint.mic_review",
      entity: "Complaint",
      entityId: id,
      after: { reference: complaint.reference, letterDraftedAt: complaint.letterDraftedAt.toISOString() },
    });
    return { id };
  });
}

/** CMP-1: refused without an outcome letter, without the MIC's review of it, or without root causes; the record stays. */
export async function closeComplaint({ ctx, input }: { ctx: ServiceContext; input: ComplaintIdRequest }) {
  const actor = authorize(ctx, "complaints.handle");
  const id = checkId(readRequest(ComplaintIdInput, input).id);
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const complaint = await lockComplaint(tx, id);
    if (complaint.kind !== "complaint") throw new Conflict(msg("errors.complaints.notAComplaint"));
    if (complaint.closedAt) throw new Conflict(msg("errors.complaints.closed"));
    if (!complaint.letterText || !complaint.letterDraftedAt) throw new Conflict(msg("errors.complaints.closeWithoutLetter"));
    if (!complaint.reviewedAt) throw new Conflict(msg("errors.complaints.closeWithoutReview"));
    if (complaint.rootCauses.length === 0) throw new Conflict(msg("errors.complaints.closeWithoutRootCause"));
    await tx.complaint.update({ where: { id }, data: { status: "closed", closedAt: at, closedById: actor.userId } });
    await appendEvent(tx, {
      complaintId: id,
      kind: "closed",
      actorId: actor.userId,
      at,
      data: { letterDraftedAt: complaint.letterDraftedAt.toISOString(), reviewedById: complaint.reviewedById },
    });
    await notifyComplainant(tx, complaint, "complaintOutcome", { reference: complaint.reference, letter: complaint.letterText }, at);
    const late = at > complaint.responseDueAt;
    await recordAudit(tx, ctx, { action: "complaint.close", entity: "Complaint", entityId: id, after: { reference: complaint.reference, late } });
    return { id, closedAtMs: at.getTime(), late };
  });
}
