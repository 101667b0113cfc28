import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";
import { NoticeId } from "@/lib/services/inbox/schemas";

export const GetMonthlyStatementInput = z.object({ noticeId: NoticeId });
export type GetMonthlyStatementInput = z.input<typeof GetMonthlyStatementInput>;

/** A fill's reference is its journal position: digits, at most 18 (a bigint always fits). */
export const GetContractNoteInput = z.object({
  seq: z.string({ error: zodMessage("validation.inbox.fillReference") }).regex(/^\d{1,18}$/, zodMessage("validation.inbox.fillReference")),
});
export type GetContractNoteInput = z.input<typeof GetContractNoteInput>;
