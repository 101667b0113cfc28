import "server-only";
import crypto from "node:crypto";
import { canonicalJson } from "@/lib/audit/chain";
import type { Db, ServiceContext, Tx } from "@/lib/services/context";
import { messageList, msg, type MessageRef } from "@/lib/i18n/message-ref";
import { Conflict } from "@/lib/services/errors";
import { PerpsAccessRefused } from "@/lib/services/suitability/entitlement";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import {
  corporateApprovalBlockersFrom,
  isCorporateCategory,
  traderRefusal,
  type CorporateApprovalBlocker,
  type TraderRefusal,
} from "@/lib/suitability/corporate-pi";
import { CORPORATE_PI_NOTICE_VERSIONS, currentNoticeVersion, type CorporatePiNoticeVersion } from "@/lib/suitability/corporate-pi-notice";
import { noticeContentHash } from "@/lib/suitability/corporate-pi-notice/hash";

// What the corporate-PI verbs share (PI-6, PI-7, SUIT-4): the client's category as the review and the
// order gate see it, the approval blockers, the order's trader check, record hashes and the per-client lock.

/** SHA-256 (hex) of a record's canonical JSON: the content hash kept with each immutable record. */
export function recordHash(record: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(record), "utf8").digest("hex");
}

/**
 * Serialises one client's corporate-PI writes (two tabs naming the same trader, two officers recording
 * at once) until the transaction ends, so a duplicate is seen and not written twice.
 */
export async function lockClientRecords(tx: Tx, kind: string, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`${kind}:${userId}`}))`;
}

function categoryOf(record: unknown): string | null {
  const category = (record as Partial<SubmissionRecord> | null)?.draft?.category;
  return typeof category === "string" ? category : null;
}

/** The category of the submission the case is waiting on or last decided (what an approval approves). */
export async function latestSubmissionCategory(db: Db | Tx, userId: string): Promise<string | null> {
  const row = await db.onboardingCase.findUnique({ where: { userId }, select: { latestSubmission: { select: { record: true } } } });
  return categoryOf(row?.latestSubmission?.record ?? null);
}

/**
 * For the client's own corporate-PI steps (15.3B consent, naming traders): the draft or the latest
 * submission is of a corporate category; otherwise refused with what to do.
 */
export async function requireCorporateApplicant(db: Db | Tx, userId: string): Promise<void> {
  const row = await db.onboardingCase.findUnique({ where: { userId }, select: { draft: true } });
  const draftCategory = (row?.draft as { category?: unknown } | null)?.category;
  if (isCorporateCategory(typeof draftCategory === "string" ? draftCategory : null)) return;
  if (isCorporateCategory(await latestSubmissionCategory(db, userId))) return;
  throw new Conflict(msg("errors.corporatePi.notCorporateClient"));
}

/**
 * Whether the order gate treats the client as corporate (SUIT-4): its latest submission or the latest
 * approved one is of a corporate category. Both count, so re-applying under another category does not
 * lift the trader check from access granted as a company.
 */
export async function isCorporateClient(db: Db | Tx, userId: string): Promise<boolean> {
  if (isCorporateCategory(await latestSubmissionCategory(db, userId))) return true;
  const approval = await db.suitabilityReview.findFirst({
    where: { submission: { userId }, OR: [{ decision: "CONFIRM_OVERRIDE" }, { decision: "APPROVE", overridesEvaluator: false }] },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    select: { submission: { select: { record: true } } },
  });
  return isCorporateCategory(categoryOf(approval?.submission.record ?? null));
}

/** The 15.3B notice in effect now with the hash of its exact text, or null before one is published. */
export function noticeInEffect(
  now: Date,
  versions: readonly CorporatePiNoticeVersion[] = CORPORATE_PI_NOTICE_VERSIONS,
): { version: CorporatePiNoticeVersion; contentHash: string } | null {
  const version = currentNoticeVersion(versions, now);
  return version ? { version, contentHash: noticeContentHash(version) } : null;
}

export async function latestCpiAssessment(db: Db | Tx, userId: string) {
  return db.corporatePiAssessment.findFirst({ where: { userId }, orderBy: { version: "desc" } });
}

/**
 * Code 15.3A/15.3B, for the approval path: what stops this client's approval, each with its sentence.
 * Empty for a client whose submission is not of a corporate category.
 */
export async function corporateApprovalBlockers(
  tx: Db | Tx,
  userId: string,
  now: Date = new Date(),
): Promise<{ code: CorporateApprovalBlocker; message: MessageRef }[]> {
  const category = await latestSubmissionCategory(tx, userId);
  if (!isCorporateCategory(category)) return [];
  const [assessment, consents] = await Promise.all([
    latestCpiAssessment(tx, userId),
    tx.corporatePiConsent.findMany({ where: { userId }, select: { versionId: true } }),
  ]);
  const codes = corporateApprovalBlockersFrom({
    category,
    assessment,
    consentedVersionIds: consents.map((c) => c.versionId),
    currentNoticeId: noticeInEffect(now)?.version.id ?? null,
  });
  return codes.map((code) => ({ code, message: msg(`errors.corporatePi.blocker.${code}`) }));
}

export class TraderRefused extends PerpsAccessRefused {
  constructor(code: TraderRefusal) {
    super(msg(`errors.corporatePi.trader.${code}`), code);
  }
}

/** A corporate client's traders with their latest assessment each. */
export async function tradersWithAssessments(db: Db | Tx, userId: string) {
  const [traders, assessments] = await Promise.all([
    db.authorisedTrader.findMany({ where: { userId }, orderBy: [{ addedAt: "asc" }, { id: "asc" }] }),
    db.authorisedTraderAssessment.findMany({ where: { userId }, orderBy: [{ assessedAt: "asc" }, { id: "asc" }] }),
  ]);
  return traders.map((trader) => {
    const own = assessments.filter((a) => a.traderId === trader.id);
    return { ...trader, assessments: own, latestAssessment: own.at(-1) ?? null };
  });
}

/**
 * SUIT-4, the order gate's trader check: a corporate client's order names an authorised trader whose
 * knowledge of derivatives an officer assessed positively; otherwise it is refused before the engine
 * (TRADER_REQUIRED, TRADER_NOT_AUTHORISED, TRADER_NOT_ASSESSED). Returns the trader placing the order
 * (null for other clients), for the order's audit entry.
 */
export async function requireAuthorisedTrader(
  ctx: Pick<ServiceContext, "db">,
  userId: string,
  input: unknown,
): Promise<{ traderId: string; traderName: string } | null> {
  if (!(await isCorporateClient(ctx.db, userId))) return null;
  const raw = (input as { traderId?: unknown } | null)?.traderId;
  const traderId = typeof raw === "string" && /^[0-9a-f-]{36}$/i.test(raw.trim()) ? raw.trim().toLowerCase() : raw ? "invalid" : null;
  const traders = await tradersWithAssessments(ctx.db, userId);
  const refusal = traderRefusal(true, traderId, traders);
  if (refusal) throw new TraderRefused(refusal);
  const trader = traders.find((t) => t.id === traderId)!;
  return { traderId: trader.id, traderName: trader.name };
}

/**
 * The approval path's one call (decide-review): refuses approving a corporate client while any 15.3A /
 * 15.3B blocker stands, naming each. Nothing is written by the refused decision.
 */
export async function requireCorporateApprovable(tx: Db | Tx, userId: string, now: Date): Promise<void> {
  const blockers = await corporateApprovalBlockers(tx, userId, now);
  if (blockers.length > 0) throw new Conflict(msg("errors.corporatePi.approvalBlocked", { blockers: messageList(blockers.map((b) => b.message)) }));
}
