import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import { attestationYear, currentPolicies } from "@/lib/services/conflicts/internal";
import { AttestPolicyInput } from "@/lib/services/conflicts/schemas";

/**
 * AFMM-3: the signed-in member of staff attests that they have read and comply with the version of a
 * policy in force. Once per policy version and calendar year (Hong Kong): a second attestation is
 * refused with its own message, and two at once leave one row (the unique key decides).
 */
export async function attestPolicy({ ctx, input }: { ctx: ServiceContext; input: AttestPolicyInput }): Promise<{ id: string; year: number }> {
  const actor = authorize(ctx, "policies.attest");
  const { policyId } = parseInput(AttestPolicyInput, input);
  const now = ctx.now();
  const year = attestationYear(now);
  try {
    return await withTransaction(ctx, async (tx) => {
      const current = await currentPolicies(tx, now);
      const policy = current.find((candidate) => candidate.id === policyId);
      if (!policy) throw new NotFound(msg("errors.conflicts.policyNotCurrent"));
      const existing = await tx.policyAttestation.findUnique({ where: { policyId_userId_year: { policyId, userId: actor.userId, year } } });
      if (existing) throw new Conflict(msg("errors.conflicts.alreadyAttested", { year }));
      const row = await tx.policyAttestation.create({ data: { policyId, userId: actor.userId, year, attestedAt: now } });
      await recordAudit(tx, ctx, {
        action: "policy.attest",
        entity: "ConflictPolicy",
        entityId: policyId,
        after: { title: policy.title, version: policy.version, textSha256: policy.textSha256, year },
      });
      return { id: row.id, year };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new Conflict(msg("errors.conflicts.alreadyAttested", { year }));
    throw error;
  }
}
