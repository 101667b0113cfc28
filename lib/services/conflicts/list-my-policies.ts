import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { attestationDueAt, attestationYear, currentPolicies } from "@/lib/services/conflicts/internal";
import { policyTextSha256, publishedPolicyTexts } from "@/lib/services/conflicts/policy-text";

export interface MyPolicy {
  id: string;
  title: string;
  version: number;
  textSha256: string;
  effectiveFrom: string;
  /** The published text, or null if it cannot be found; `textMatches` says whether it hashes to textSha256. */
  text: string | null;
  textMatches: boolean;
  year: number;
  attestedThisYearAt: string | null;
  dueAt: string;
  overdue: boolean;
}

/** AFMM-3: the policies in force for the signed-in member of staff, their text and whether they have attested this year. */
export async function listMyPolicies({ ctx }: { ctx: ServiceContext }): Promise<MyPolicy[]> {
  const actor = authorize(ctx, "policies.attest");
  const now = ctx.now();
  const year = attestationYear(now);
  const policies = await currentPolicies(ctx.db, now);
  if (policies.length === 0) return [];
  const [texts, mine, user] = await Promise.all([
    publishedPolicyTexts(
      ctx.db,
      policies.map((policy) => policy.id),
    ),
    ctx.db.policyAttestation.findMany({
      where: { userId: actor.userId, policyId: { in: policies.map((policy) => policy.id) } },
      orderBy: { attestedAt: "desc" },
    }),
    ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { createdAt: true } }),
  ]);
  return policies.map((policy) => {
    const text = texts.get(policy.id) ?? null;
    const last = mine.find((row) => row.policyId === policy.id) ?? null;
    const thisYear = mine.find((row) => row.policyId === policy.id && row.year === year) ?? null;
    const dueAt = attestationDueAt({ lastAttestedAt: last?.attestedAt ?? null, policyEffectiveFrom: policy.effectiveFrom, userCreatedAt: user.createdAt });
    return {
      id: policy.id,
      title: policy.title,
      version: policy.version,
      textSha256: policy.textSha256,
      effectiveFrom: policy.effectiveFrom.toISOString(),
      text,
      textMatches: text !== null && policyTextSha256(text) === policy.textSha256,
      year,
      attestedThisYearAt: thisYear?.attestedAt.toISOString() ?? null,
      dueAt: dueAt.toISOString(),
      overdue: !thisYear && dueAt <= now,
    };
  });
}
