// Schemas of the virtual-asset knowledge forms (SUIT-7): what a client types, parsed into the records
// of va-knowledge.ts. Every refusal names its field and says what to type.
import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

const answer = z.enum(["yes", "no"], { error: zodMessage("validation.vaKnowledge.answer") });
const text = (max: number) => z.string().trim().min(1, zodMessage("validation.vaKnowledge.required")).max(max, zodMessage("validation.vaKnowledge.tooLong"));
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, zodMessage("validation.vaKnowledge.dateFormat"));

export const vaDeclarationsForm = z.object({ training: answer, workExperience: answer, trading: answer });

export const vaTrainingForm = z.object({ provider: text(200), topics: text(500), completionDate: isoDate });

export const vaWorkForm = z.object({
  employer: text(200),
  role: text(200),
  years: z
    .string()
    .trim()
    .regex(/^\d{1,2}(\.\d{1,2})?$/, zodMessage("validation.vaKnowledge.yearsFormat")),
  vaDuties: text(1000),
});

export const vaTradeForm = z.object({ tradeDate: isoDate, asset: text(200), venueOrBroker: text(200) });
