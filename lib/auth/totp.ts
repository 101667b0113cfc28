import { generateSecret, generateURI, verify } from "otplib";

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s), the second factor. One code is accepted once: callers
 * store the returned time step and pass it back as `lastStep`.
 */
export const TOTP_ISSUER = "HK Perps Portal";
// One step either side absorbs clock drift between the phone and the server.
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The accepted time step, or null when the code is wrong, expired or already used. */
export async function checkTotp(secret: string, code: string, lastStep: number | null, now: Date): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
