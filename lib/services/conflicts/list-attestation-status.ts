import "server-only";
import { ROLE_FAMILY } from "@/lib/auth/permissions";
import { authorize, type Db, type ServiceContext, type Tx } from "@/lib/services/context";
import { attestationDueAt, attestationYear, currentPolicies } from "@/lib/services/conflicts/internal";

export interface AttestationStatusRow {
  userId: string;
  name: string;
  email: string;
  roles: string[];
  family: "PLATFORM" | "AFMM";
  policyId: string;
  policyTitle: string;
  policyVersion: number;
  attestedThisYearAt: string | null;
  lastAttestedAt: string | null;
  dueAt: string;
  /** AFMM-3: not attested this year and past the due date: an alert on the register page. */
  overdue: boolean;
}

/**
 * AFMM-3: for every member of staff (platform and AFMM side) and every policy in force, whether they
 * attested this year, when the next attestation is due and whether it is overdue. Overdue rows first.
 */
export async function listAttestationStatus({ ctx }: { ctx: ServiceContext }): Promise<{ year: number; rows: AttestationStatusRow[]; overdue: number }> {
  authorize(ctx, "afmm.oversight.view");
  return attestationStatus(ctx.db, ctx.now());
}

/** The status list itself, for the page and for the overdue sweep (no permission check: callers check). */
export async function attestationStatus(db: Db | Tx, now: Date): Promise<{ year: number; rows: AttestationStatusRow[]; overdue: number }> {
  const year = attestationYear(now);
  const policies = await currentPolicies(db, now);
  const staff = await db.user.findMany({
    where: { family: { in: ["PLATFORM", "AFMM"] }, roles: { some: {} } },
    select: { id: true, name: true, email: true, family: true, createdAt: true, roles: { select: { role: true } } },
    orderBy: { email: "asc" },
    take: 2_000,
  });
  const attestations = await db.policyAttestation.findMany({
    where: { policyId: { in: policies.map((policy) => policy.id) }, userId: { in: staff.map((user) => user.id) } },
    orderBy: { attestedAt: "desc" },
  });
  const rows: AttestationStatusRow[] = [];
  for (const user of staff) {
    const roles = user.roles.map((row) => row.role);
    const family = roles.some((role) => ROLE_FAMILY[role] === "AFMM") ? "AFMM" : "PLATFORM";
    for (const policy of policies) {
      const mine = attestations.filter((row) => row.userId === user.id && row.policyId === policy.id);
      const thisYear = mine.find((row) => row.year === year) ?? null;
      const dueAt = attestationDueAt({ lastAttestedAt: mine[0]?.attestedAt ?? null, policyEffectiveFrom: policy.effectiveFrom, userCreatedAt: user.createdAt });
      rows.push({
        userId: user.id,
        name: user.name,
        email: user.email,
        roles,
        family,
        policyId: policy.id,
        policyTitle: policy.title,
        policyVersion: policy.version,
        attestedThisYearAt: thisYear?.attestedAt.toISOString() ?? null,
        lastAttestedAt: mine[0]?.attestedAt.toISOString() ?? null,
        dueAt: dueAt.toISOString(),
        overdue: !thisYear && dueAt <= now,
      });
    }
  }
  rows.sort((a, b) => Number(b.overdue) - Number(a.overdue));
  return { year, rows, overdue: rows.filter((row) => row.overdue).length };
}
