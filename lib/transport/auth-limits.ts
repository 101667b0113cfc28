import "server-only";
import { Email } from "@/lib/services/users/schemas";
import { accountLocked, LOCK_MS } from "@/lib/services/auth/throttle";
import { TooManyAttempts } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { clientAddress, type HeaderSource } from "./client-address";
import { consumeRateLimit, refundRateLimit, resetRateLimit, type RateLimitPolicy } from "./rate-limit";

/**
 * Rate limits on sign-in and sign-up, in front of the services (which keep the per-email lockout
 * in the database, lib/services/auth/throttle.ts). They are counted before anything is checked, so
 * a burst cannot slip past them, and each kind of refusal always reads the same.
 */

/** Failed sign-ins per client address: guessing across many accounts from one place. Successes are given back. */
export const SIGN_IN_PER_ADDRESS: RateLimitPolicy = { name: "sign-in-address", points: 30, durationSeconds: 15 * 60 };
/**
 * Sign-in attempts per account (email), on top of the lockout: sheds a flood before it reaches the
 * database. A success starts it again. Its window is the lock's length, so its refusal can use the
 * lock's words ("wait 15 minutes") truthfully: a burst reads the same whichever of the two refused.
 */
export const SIGN_IN_PER_ACCOUNT: RateLimitPolicy = { name: "sign-in-account", points: 10, durationSeconds: LOCK_MS / 1000 };
/** Sign-up attempts per client address. */
export const SIGN_UP_PER_ADDRESS: RateLimitPolicy = { name: "sign-up-address", points: 20, durationSeconds: 60 * 60 };

export const SIGN_IN_ADDRESS_REFUSAL = msg("errors.auth.signInAddressLimit", { minutes: SIGN_IN_PER_ADDRESS.durationSeconds / 60 });
export const SIGN_UP_REFUSAL = msg("errors.auth.signUpLimit");

/** Count a sign-in attempt against its address and account; throws the refusal when over a limit. */
export async function limitSignIn(headers: HeaderSource, rawEmail: string): Promise<void> {
  if (!(await consumeRateLimit(SIGN_IN_PER_ADDRESS, clientAddress(headers))).allowed) throw new TooManyAttempts(SIGN_IN_ADDRESS_REFUSAL);
  const email = Email.safeParse(rawEmail);
  // A malformed email is refused by the service without touching any account.
  if (email.success && !(await consumeRateLimit(SIGN_IN_PER_ACCOUNT, email.data)).allowed) throw accountLocked(null);
}

export async function signInSucceeded(headers: HeaderSource, email: string): Promise<void> {
  await Promise.all([refundRateLimit(SIGN_IN_PER_ADDRESS, clientAddress(headers)), resetRateLimit(SIGN_IN_PER_ACCOUNT, email)]);
}

/** Count a sign-up attempt against its address; throws the refusal when over the limit. */
export async function limitSignUp(headers: HeaderSource): Promise<void> {
  if (!(await consumeRateLimit(SIGN_UP_PER_ADDRESS, clientAddress(headers))).allowed) throw new TooManyAttempts(SIGN_UP_REFUSAL);
}
