import { createHash, createHmac } from "node:crypto";
import { secret } from "@/lib/secrets";
import { normaliseVerificationCode } from "@/lib/notices/verification-code-format";

/**
 * E-mail verification codes (SEC-1). A code is never stored: it is HMAC(key, verification id) under a
 * key derived from the server's AUTH_SECRET, so the outbox can write it into the e-mail when it sends
 * (lib/notices/render.ts) and the database keeps only its SHA-256 (EmailVerification.codeHash).
 * Ten characters of Crockford base32 (50 bits), shown as two groups of five.
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function codeKey(): Buffer {
  return createHmac("sha256", secret("AUTH_SECRET")).update("email-verification-code/v1").digest();
}

export function emailVerificationCode(verificationId: string): string {
  const digest = createHmac("sha256", codeKey()).update(verificationId).digest();
  let code = "";
  for (let index = 0; index < 10; index++) code += ALPHABET[digest[index] % 32];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function hashVerificationCode(code: string): string {
  return createHash("sha256").update(normaliseVerificationCode(code)).digest("hex");
}
