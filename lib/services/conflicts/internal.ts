import "server-only";
import { Invalid } from "@/lib/services/errors";
import type { Db, Tx } from "@/lib/services/context";
import { msg } from "@/lib/i18n/message-ref";
import type { ConflictStatus } from "@/lib/services/conflicts/schemas";

/** The whole of a register entry as one version records it (ConflictVersion.snapshot). */
export interface ConflictSnapshot {
  title: string;
  description: string;
  ownerId: string;
  mitigation: string;
  status: ConflictStatus;
  /** YYYY-MM-DD */
  reviewDate: string;
}

export interface ConflictRecord extends ConflictSnapshot {
  id: string;
  version: number;
  ownerName: string | null;
  ownerEmail: string | null;
  sourceReviewId: string | null;
  createdAt: string;
  updatedAt: string;
  /** The review date has passed and the entry is not closed. */
  reviewOverdue: boolean;
}

export const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const dateOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** The owner of an entry must be a member of the platform's staff (never a client or the AFMM). */
export async function requirePlatformStaff(db: Db | Tx, userId: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { family: true, roles: { select: { role: true } } } });
  if (!user || user.family !== "PLATFORM" || user.roles.length === 0) {
    throw new Invalid(msg("errors.conflicts.ownerNotStaff"), { ownerId: [msg("errors.conflicts.ownerNotStaff")] });
  }
}

type EntryRow = {
  id: string;
  title: string;
  description: string;
  ownerId: string;
  mitigation: string;
  status: string;
  reviewDate: Date;
  version: number;
  sourceReviewId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function snapshotOf(row: Pick<EntryRow, "title" | "description" | "ownerId" | "mitigation" | "status" | "reviewDate">): ConflictSnapshot {
  return {
    title: row.title,
    description: row.description,
    ownerId: row.ownerId,
    mitigation: row.mitigation,
    status: row.status as ConflictStatus,
    reviewDate: dayOf(row.reviewDate),
  };
}

export async function toRecords(db: Db | Tx, rows: EntryRow[], now: Date): Promise<ConflictRecord[]> {
  const owners = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.ownerId))] } }, select: { id: true, name: true, email: true } });
  const byId = new Map(owners.map((owner) => [owner.id, owner]));
  const today = dayOf(now);
  return rows.map((row) => ({
    ...snapshotOf(row),
    id: row.id,
    version: row.version,
    ownerName: byId.get(row.ownerId)?.name ?? null,
    ownerEmail: byId.get(row.ownerId)?.email ?? null,
    sourceReviewId: row.sourceReviewId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    reviewOverdue: row.status !== "CLOSED" && dayOf(row.reviewDate) < today,
  }));
}

/** The attestation year: the Hong Kong calendar year of the moment (UTC+8, no daylight saving). */
export function attestationYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/**
 * AFMM-3: when an attestation is overdue. Each member of staff attests to the current version of each
 * policy once a calendar year; one who has not attested to it within the last ATTESTATION_INTERVAL_DAYS
 * is overdue, except in the first ATTESTATION_GRACE_DAYS after the version took effect or after the
 * member of staff joined, whichever is later.
 */
export const ATTESTATION_INTERVAL_DAYS = 365;
export const ATTESTATION_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;

export function attestationDueAt({
  lastAttestedAt,
  policyEffectiveFrom,
  userCreatedAt,
}: {
  lastAttestedAt: Date | null;
  policyEffectiveFrom: Date;
  userCreatedAt: Date;
}): Date {
  if (lastAttestedAt) return new Date(lastAttestedAt.getTime() + ATTESTATION_INTERVAL_DAYS * DAY_MS);
  return new Date(Math.max(policyEffectiveFrom.getTime(), userCreatedAt.getTime()) + ATTESTATION_GRACE_DAYS * DAY_MS);
}

/** The version in force of each policy (by title): the highest version already effective. */
export async function currentPolicies(db: Db | Tx, now: Date) {
  const all = await db.conflictPolicy.findMany({ where: { effectiveFrom: { lte: now } }, orderBy: [{ title: "asc" }, { version: "desc" }] });
  const seen = new Set<string>();
  return all.filter((policy) => (seen.has(policy.title) ? false : (seen.add(policy.title), true)));
}
