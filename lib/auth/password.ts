import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing: argon2id (the library's default algorithm) with OWASP's minimum parameters.
 * Not server-only because the demo seed hashes the demo passwords outside Next.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against this when the email is unknown keeps the response time the same as for a real account.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$OKoNY1kJkydaOYXoinNlHQ$JKcWjw+wQKY0VStvMBipcU6AY5qH+p3rW5xk5H1M6t4";

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}
