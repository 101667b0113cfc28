import "server-only";
import crypto from "node:crypto";
import { COMPLAINT_CATEGORIES, COMPLAINT_KINDS } from "@/lib/complaints/policy";
import { msg } from "@/lib/i18n/message-ref";
import { isUniqueViolation } from "@/lib/reports/pack-job";
import { recordAudit } from "@/lib/services/audit";
import { authorizePublic, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid } from "@/lib/services/errors";
import { attachmentSummary, checkAttachments, storeAttachments } from "./attachments";
import { appendEvent, asLocale, checkChoice, checkEmail, checkText, complaintDeadlines, dueDate, isUuid, notifyComplainant, readRequest } from "./internal";
import { SubmitComplaintInput, type SubmitComplaintRequest } from "./schemas";

/**
 * CMP-1, EDU-2: anyone raises a complaint or an enquiry (the public page's form). A signed-in client's
 * is tied to their account; anyone else may leave an e-mail address for the reply. The deadlines are
 * set on receipt and never move. The form carries a one-time key, so a form sent twice (a double
 * click, a retried request) records one complaint and both answers give the same reference. Files sent
 * with it (at most the policy's number, PDF, PNG or JPEG by their content) are checked before anything
 * is written and stored in the same transaction; the log's "received" entry names them and their SHA-256.
 */
export async function submitComplaint({ ctx, input }: { ctx: ServiceContext; input: SubmitComplaintRequest }) {
  authorizePublic(ctx);
  const raw = readRequest(SubmitComplaintInput, input, { text: "text", contactEmail: "contactEmail" });
  const kind = checkChoice(raw.kind, "kind", COMPLAINT_KINDS, "errors.complaints.unknownKind");
  const category = checkChoice(raw.category, "category", COMPLAINT_CATEGORIES, "errors.complaints.unknownCategory");
  const text = checkText(raw.text, "text", "text", { required: true });
  const contactEmail = checkEmail(raw.contactEmail);
  if (!isUuid(raw.submissionKey)) throw new Invalid(msg("errors.complaints.badRequest"));
  const submissionKey = raw.submissionKey.toLowerCase();
  const attachments = await checkAttachments(Array.isArray(input.attachments) ? input.attachments : input.attachments === undefined ? [] : [input.attachments]);
  const client = ctx.actor?.roles.includes("CLIENT") ? ctx.actor : null;
  const receivedAt = ctx.now();
  const deadlines = complaintDeadlines(kind, category, receivedAt);
  const id = crypto.randomUUID();
  const reference = `${kind === "complaint" ? "C" : "E"}-${id.slice(0, 8).toUpperCase()}`;
  try {
    await withTransaction(ctx, async (tx) => {
      await tx.complaint.create({
        data: {
          id,
          reference,
          kind,
          category,
          text,
          contactEmail,
          userId: client?.userId ?? null,
          locale: asLocale(raw.locale),
          submissionKey,
          receivedAt,
          ...deadlines,
        },
      });
      await storeAttachments(tx, id, attachments, receivedAt);
      await appendEvent(tx, {
        complaintId: id,
        kind: "received",
        actorId: client?.userId ?? null,
        at: receivedAt,
        data: { kind, category, ...(attachments.length ? { attachments: attachmentSummary(attachments) } : {}) },
      });
      await notifyComplainant(
        tx,
        { id, userId: client?.userId ?? null },
        "complaintReceived",
        { kind, reference, date: dueDate(receivedAt), acknowledgeBy: dueDate(deadlines.acknowledgeDueAt), respondBy: dueDate(deadlines.responseDueAt) },
        receivedAt,
      );
      await recordAudit(tx, ctx, {
        action: "complaint.receive",
        entity: "Complaint",
        entityId: id,
        // The text and the address are the complainant's own data: the log keeps them, the audit row names only what was raised.
        after: { reference, kind, category, signedIn: client !== null, contactGiven: contactEmail !== null, attachments: attachments.length },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const first = await ctx.db.complaint.findUnique({
      where: { submissionKey },
      select: {
        reference: true,
        kind: true,
        category: true,
        text: true,
        userId: true,
        acknowledgeDueAt: true,
        responseDueAt: true,
        attachments: { select: { sha256: true } },
      },
    });
    if (
      !first ||
      first.kind !== kind ||
      first.category !== category ||
      first.text !== text ||
      first.userId !== (client?.userId ?? null) ||
      !sameFiles(
        first.attachments.map((file) => file.sha256),
        attachments.map((file) => file.sha256),
      )
    )
      throw new Conflict(msg("errors.complaints.formReused"));
    return answer(first.reference, kind, first, true);
  }
  return answer(reference, kind, deadlines, false);
}

/** The same files, in any order (by their SHA-256). */
function sameFiles(stored: string[], sent: string[]): boolean {
  return stored.length === sent.length && [...stored].sort().join() === [...sent].sort().join();
}

function answer(reference: string, kind: string, deadlines: { acknowledgeDueAt: Date | null; responseDueAt: Date }, repeated: boolean) {
  return {
    reference,
    kind,
    acknowledgeDueAtMs: deadlines.acknowledgeDueAt?.getTime() ?? null,
    responseDueAtMs: deadlines.responseDueAt.getTime(),
    /** The same form was sent before: nothing new was recorded. */
    repeated,
  };
}
