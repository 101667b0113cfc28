import type { PrismaClient } from "../../prisma/generated/client";
import { isSealed, isSealedUnderCurrentKey, openTotpSecret, sealTotpSecret, totpKeyring, TotpSecretError, type Keyring } from "./totp-secret-box";

const BATCH = 500;

/**
 * Run at every start-up (scripts/start.ts): encrypt TOTP secrets still stored in plaintext (data
 * from before encryption at rest) and re-encrypt those under an older key with the current one
 * (key rotation). Idempotent; each row is rewritten only if it still holds the value read, so it is
 * safe alongside a running portal or a second instance doing the same.
 */
export async function resealTotpSecrets(
  prisma: Pick<PrismaClient, "user">,
  keyring: Keyring = totpKeyring(),
): Promise<{ resealed: number; unreadable: { userId: string; problem: string }[] }> {
  const current = `v1:${keyring.currentId}:`;
  const stale = (field: "totpSecret" | "totpPendingSecret") => ({ AND: [{ [field]: { not: null } }, { NOT: { [field]: { startsWith: current } } }] });
  let resealed = 0;
  const unreadable: { userId: string; problem: string }[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await prisma.user.findMany({
      where: { OR: [stale("totpSecret"), stale("totpPendingSecret")], ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, totpSecret: true, totpPendingSecret: true },
    });
    for (const row of rows) {
      const fresh = (stored: string | null) =>
        stored === null || isSealedUnderCurrentKey(stored, keyring) ? stored : sealTotpSecret(row.id, plaintextOf(row.id, stored, keyring), keyring);
      let data;
      try {
        data = { totpSecret: fresh(row.totpSecret), totpPendingSecret: fresh(row.totpPendingSecret) };
      } catch (error) {
        // Left as it is: that user cannot use the factor until the key is back, and no one else is held up.
        if (!(error instanceof TotpSecretError)) throw error;
        unreadable.push({ userId: row.id, problem: error.message });
        continue;
      }
      const { count } = await prisma.user.updateMany({ where: { id: row.id, totpSecret: row.totpSecret, totpPendingSecret: row.totpPendingSecret }, data });
      resealed += count;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  return { resealed, unreadable };
}

function plaintextOf(userId: string, stored: string, keyring: Keyring): string {
  return isSealed(stored) ? openTotpSecret(userId, stored, keyring) : stored;
}
