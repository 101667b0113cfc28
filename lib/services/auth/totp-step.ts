import "server-only";
import type { Tx } from "@/lib/services/context";

/**
 * TOTP single use, decided by the database: mark `step` used for the user only if no later-or-equal
 * step is recorded. The conditional UPDATE re-checks its condition on the row it locks, so of
 * parallel requests carrying the same code exactly one gets `true`; call it inside the transaction
 * that grants what the code proves (a session, a step-up), so that grant commits with the claim.
 */
export async function claimTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}
