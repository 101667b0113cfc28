import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import { policyTextSha256 } from "@/lib/services/conflicts/policy-text";
import { PublishPolicyInput } from "@/lib/services/conflicts/schemas";

/**
 * AFMM-3: publish a version of a conflicts-of-interest policy, in force from now. The row keeps the
 * text's SHA-256 and the audit entry keeps the text itself. A version number already used, or not
 * above the latest version of that policy, is refused.
 */
export async function publishPolicy({ ctx, input }: { ctx: ServiceContext; input: PublishPolicyInput }): Promise<{ id: string; textSha256: string }> {
  authorize(ctx, "conflicts.manage");
  const { title, version, text } = parseInput(PublishPolicyInput, input);
  const now = ctx.now();
  const textSha256 = policyTextSha256(text);
  return withTransaction(ctx, async (tx) => {
    const latest = await tx.conflictPolicy.findFirst({ where: { title }, orderBy: { version: "desc" }, select: { version: true } });
    if (latest && latest.version >= version) throw new Conflict(msg("errors.conflicts.policyVersionNotNewer", { latest: latest.version }));
    const id = randomUUID();
    await tx.conflictPolicy.create({ data: { id, title, version, textSha256, effectiveFrom: now } });
    await recordAudit(tx, ctx, { action: "policy.publish", entity: "ConflictPolicy", entityId: id, after: { title, version, textSha256, text } });
    return { id, textSha256 };
  });
}
