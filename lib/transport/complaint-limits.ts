import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { TooManyAttempts } from "@/lib/services/errors";
import { clientAddress, type HeaderSource } from "./client-address";
import { consumeRateLimit, type RateLimitPolicy } from "./rate-limit";

/**
 * CMP-1, EDU-2: the public complaints form, like sign-up, is limited per client address before the
 * service is reached, so a flood from one place cannot fill the complaint log (which keeps every row
 * for good). A form sent twice is recorded once by the service (its one-time key); this limits
 * different forms.
 */
export const COMPLAINTS_PER_ADDRESS: RateLimitPolicy = { name: "complaints-address", points: 20, durationSeconds: 60 * 60 };

export async function limitComplaintSubmission(headers: HeaderSource): Promise<void> {
  if (!(await consumeRateLimit(COMPLAINTS_PER_ADDRESS, clientAddress(headers))).allowed) throw new TooManyAttempts(msg("errors.complaints.tooMany"));
}
