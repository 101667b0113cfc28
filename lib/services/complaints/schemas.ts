import { z } from "zod";
import { ROOT_CAUSES } from "@/lib/complaints/policy";

/**
 * Inputs of the complaint verbs (CMP-1, EDU-2, RPT-9). The schemas bound what a request may carry;
 * the verbs then apply each field's own limit (lib/complaints/policy.ts) and say which field was
 * wrong and why, in the reader's language.
 */

/** The most any one text field of a request may carry before it is refused unread. */
export const REQUEST_TEXT_MAX = 20_000;

const text = z.string().max(REQUEST_TEXT_MAX);
const id = z.string().max(64);

export const SubmitComplaintInput = z.object({
  kind: text,
  category: text,
  text,
  contactEmail: text.optional(),
  /** The form's one-time key: a UUID the page put in the form. */
  submissionKey: z.string().max(64),
  locale: z.string().max(10).optional(),
});
export const ComplaintIdInput = z.object({ id });
export const ComplaintAttachmentInput = z.object({ id, attachmentId: id });
export const ComplaintNoteInput = z.object({ id, text });
export const RootCausesInput = z.object({ id, causes: z.array(z.string().max(40)).max(ROOT_CAUSES.length * 2) });
export const DraftLetterInput = z.object({ id, outcome: text });
export const ReviewLetterInput = z.object({ id, letterVersion: z.string().max(20) });
export const FdrcReferralInput = z.object({ id, reference: text });

/**
 * With the posted files (File objects) beside the fields, as evidence uploads carry theirs: the verb
 * checks them one by one (count, size, what each is by its bytes) with a message for each problem.
 */
export type SubmitComplaintRequest = z.input<typeof SubmitComplaintInput> & { attachments?: readonly unknown[] };
export type ComplaintIdRequest = z.input<typeof ComplaintIdInput>;
export type ComplaintAttachmentRequest = z.input<typeof ComplaintAttachmentInput>;
export type ComplaintNoteRequest = z.input<typeof ComplaintNoteInput>;
export type RootCausesRequest = z.input<typeof RootCausesInput>;
export type DraftLetterRequest = z.input<typeof DraftLetterInput>;
export type ReviewLetterRequest = z.input<typeof ReviewLetterInput>;
export type FdrcReferralRequest = z.input<typeof FdrcReferralInput>;
