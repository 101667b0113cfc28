import "server-only";
import { ROOT_CAUSES } from "@/lib/complaints/policy";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid } from "@/lib/services/errors";
import { appendEvent, checkId, checkText, dueDate, lockComplaint, notifyComplainant, readRequest } from "./internal";
import { ComplaintIdInput, ComplaintNoteInput, RootCausesInput, type ComplaintIdRequest, type ComplaintNoteRequest, type RootCausesRequest } from "./schemas";

/**
 * CMP-1, EDU-2: a compliance officer works a complaint or an enquiry: acknowledges a complaint (and
 * becomes its handler), records investigation notes, tags its root causes, answers an enquiry. Each
 * step is an entry in the complaint log written with the complaint's derived state, under its row
 * lock, so two officers acting at once are taken one after the other.
 */

export async function acknowledgeComplaint({ ctx, input }: { ctx: ServiceContext; input: ComplaintIdRequest }) {
  const actor = authorize(ctx, "complaints.handle");
  const id = checkId(readRequest(ComplaintIdInput, input).id);
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const complaint = await lockComplaint(tx, id);
    if (complaint.kind !== "complaint") throw new Conflict(msg("errors.complaints.notAComplaint"));
    if (complaint.closedAt) throw new Conflict(msg("errors.complaints.closed"));
    if (complaint.acknowledgedAt) throw new Conflict(msg("errors.complaints.alreadyAcknowledged"));
    await tx.complaint.update({ where: { id }, data: { status: "acknowledged", acknowledgedAt: at, handlerId: actor.userId } });
    await appendEvent(tx, { complaintId: id, kind: "acknowledged", actorId: actor.userId, at });
    await notifyComplainant(tx, complaint, "complaintAcknowledged", { reference: complaint.reference, respondBy: dueDate(complaint.responseDueAt) }, at);
    const late = complaint.acknowledgeDueAt !== null && at > complaint.acknowledgeDueAt;
    await recordAudit(tx, ctx, { action: "complaint.acknowledge", entity: "Complaint", entityId: id, after: { reference: complaint.reference, late } });
    return { id, acknowledgedAtMs: at.getTime(), late };
  });
}

export async function addComplaintNote({ ctx, input }: { ctx: ServiceContext; input: ComplaintNoteRequest }) {
  const actor = authorize(ctx, "complaints.handle");
  const raw = readRequest(ComplaintNoteInput, input, { text: "note" });
  const id = checkId(raw.id);
  const text = checkText(raw.text, "text", "note", { required: true });
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const complaint = await lockComplaint(tx, id);
    if (complaint.closedAt) throw new Conflict(msg("errors.complaints.closed"));
    await appendEvent(tx, { complaintId: id, kind: "note", actorId: actor.userId, at, text });
    await recordAudit(tx, ctx, { action: "complaint.note", entity: "Complaint", entityId: id, after: { reference: complaint.reference, length: text.length } });
    return { id };
  });
}

/** CMP-1: the root causes the investigation found (the themes the MI counts); a new set replaces the last. */
export async function setRootCauses({ ctx, input }: { ctx: ServiceContext; input: RootCausesRequest }) {
  const actor = authorize(ctx, "complaints.handle");
  const raw = readRequest(RootCausesInput, input);
  const id = checkId(raw.id);
  const causes = [...new Set(raw.causes.map((cause) => cause.trim()).filter(Boolean))];
  const unknown = causes.find((cause) => !(ROOT_CAUSES as readonly string[]).includes(cause));
  if (unknown !== undefined) {
    const problem = msg("errors.complaints.unknownRootCause", { value: unknown.slice(0, 40) });
    throw new Invalid(problem, { causes: [problem] });
  }
  if (causes.length === 0) {
    const problem = msg("errors.complaints.noRootCause");
    throw new Invalid(problem, { causes: [problem] });
  }
  const ordered = ROOT_CAUSES.filter((cause) => causes.includes(cause));
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const complaint = await lockComplaint(tx, id);
    if (complaint.kind !== "complaint") throw new Conflict(msg("errors.complaints.notAComplaint"));
    if (complaint.closedAt) throw new Conflict(msg("errors.complaints.closed"));
    await tx.complaint.update({ where: { id }, data: { rootCauses: ordered } });
    await appendEvent(tx, { complaintId: id, kind: "root_cause", actorId: actor.userId, at, data: { causes: ordered } });
    await recordAudit(tx, ctx, {
      action: "complaint.root_cause",
      entity: "Complaint",
      entityId: id,
      before: { causes: complaint.rootCauses },
      after: { causes: ordered },
    });
    return { id, causes: ordered };
  });
}

/** EDU-2: an enquiry is answered and, with the answer, closed. */
export async function answerEnquiry({ ctx, input }: { ctx: ServiceContext; input: ComplaintNoteRequest }) {
  const actor = authorize(ctx, "complaints.handle");
  const raw = readRequest(ComplaintNoteInput, input, { text: "answer" });
  const id = checkId(raw.id);
  const text = checkText(raw.text, "text", "answer", { required: true });
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const enquiry = await lockComplaint(tx, id);
    if (enquiry.kind !== "enquiry") throw new Conflict(msg("errors.complaints.notAnEnquiry"));
    if (enquiry.closedAt) throw new Conflict(msg("errors.complaints.closed"));
    await tx.complaint.update({
      where: { id },
      data: { status: "closed", handlerId: enquiry.handlerId ?? actor.userId, closedAt: at, closedById: actor.userId },
    });
    await appendEvent(tx, { complaintId: id, kind: "answered", actorId: actor.userId, at, text });
    await notifyComplainant(tx, enquiry, "enquiryAnswered", { reference: enquiry.reference, answer: text }, at);
    await appendEvent(tx, { complaintId: id, kind: "closed", actorId: actor.userId, at });
    const late = at > enquiry.responseDueAt;
    await recordAudit(tx, ctx, { action: "complaint.answer", entity: "Complaint", entityId: id, after: { reference: enquiry.reference, late } });
    return { id, late };
  });
}
