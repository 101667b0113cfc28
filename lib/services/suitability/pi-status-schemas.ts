import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/** Inputs of the PI-7 verbs: a client's withdrawal of consent and an officer's revocation. Client-safe. */

export const WithdrawPiConsentInput = z.object({
  confirmed: z.literal("on", { error: zodMessage("validation.piStatus.confirmWithdrawal") }),
});
export type WithdrawPiConsentInput = z.input<typeof WithdrawPiConsentInput>;

export const RevokePiStatusInput = z.object({
  userId: z.string().uuid(zodMessage("validation.piStatus.clientMissing")),
  reason: z
    .string()
    .trim()
    .min(10, zodMessage("validation.piStatus.reasonTooShort", { min: 10 }))
    .max(2000, zodMessage("validation.piStatus.reasonTooLong", { max: "2,000" })),
});
export type RevokePiStatusInput = z.input<typeof RevokePiStatusInput>;
