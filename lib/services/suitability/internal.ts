import "server-only";
import crypto from "node:crypto";
import { canonicalJson } from "@/lib/audit/chain";
import type { Prisma } from "@/prisma/generated/client";
import { withTransaction, type Actor, type Db, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Invalid, type FieldMessages } from "@/lib/services/errors";
import { issueMessagesByField, msg, sentence } from "@/lib/i18n/message-ref";
import { hongKongDate } from "@/lib/suitability/dates";
import { EMPTY_DRAFT, normaliseDraft, type OnboardingDraft } from "@/lib/suitability/draft";
import { referenceFxRates } from "@/lib/suitability/fx-reference";
import { evaluateProfessionalInvestor, type PiInput } from "@/lib/suitability/pi-evaluator";
import { DRAFT_LISTS, MAX_DRAFT_LIST_ITEMS } from "@/lib/services/suitability/schemas";

/** Where the review stands; the client may edit the draft only while no officer is looking at it. */
export type OnboardingStatus = "DRAFT" | "SUBMITTED" | "INFO_REQUESTED" | "PENDING_SECOND_APPROVAL" | "APPROVED" | "REJECTED";
export const EDITABLE: readonly OnboardingStatus[] = ["DRAFT", "INFO_REQUESTED", "REJECTED", "APPROVED"];

export interface CaseRow {
  userId: string;
  status: OnboardingStatus;
  draft: OnboardingDraft;
  draftUpdatedAt: Date;
  latestSubmissionId: string | null;
  statusReason: string | null;
  statusChangedAt: Date;
  verifiedAt: Date | null;
  expiresAt: Date | null;
  maxInitialMarginMicroUsd: bigint | null;
}

/** The relevant date of an assessment made now: the Hong Kong calendar day. */
export function assessmentDateOf(ctx: Pick<ServiceContext, "now">): string {
  return hongKongDate(ctx.now());
}

export async function loadCase(db: Db | Tx, userId: string): Promise<CaseRow | null> {
  const row = await db.onboardingCase.findUnique({ where: { userId } });
  return row ? { ...row, draft: normaliseDraft(row.draft) } : null;
}

/** The case row, created empty on first use (in the caller's transaction, locked for the edit). */
export async function lockCase(tx: Tx, ctx: ServiceContext, userId: string): Promise<CaseRow> {
  // The UPDATE branch takes the row lock until the transaction ends, which serialises one client's
  // edits (two tabs adding lines at once must not lose one) and their quiz draws and submissions.
  await tx.onboardingCase.upsert({
    where: { userId },
    create: { userId, draft: EMPTY_DRAFT as unknown as Prisma.InputJsonValue, draftUpdatedAt: ctx.now(), statusChangedAt: ctx.now() },
    update: { draftUpdatedAt: ctx.now() },
  });
  return (await loadCase(tx, userId))!;
}

type DraftEdit = { draft: OnboardingDraft; audit: { change: string; detail?: unknown } };

/**
 * Every draft change goes through here, for an actor the verb has authorized: lock, refuse while
 * under review, apply, save and audit in one transaction. `edit` throws Invalid for bad input, so
 * nothing is saved.
 */
export async function editDraft(ctx: ServiceContext, actor: Actor, edit: (draft: OnboardingDraft, tx: Tx) => Promise<DraftEdit>): Promise<OnboardingDraft> {
  return withTransaction(ctx, async (tx) => {
    const current = await lockCase(tx, ctx, actor.userId);
    if (!EDITABLE.includes(current.status))
      throw new Conflict(
        current.status === "PENDING_SECOND_APPROVAL" || current.status === "SUBMITTED"
          ? msg("errors.onboarding.underReview")
          : msg("errors.onboarding.notEditable"),
      );
    const { draft, audit } = await edit(current.draft, tx);
    for (const list of Object.values(DRAFT_LISTS)) {
      if (draft[list].length > MAX_DRAFT_LIST_ITEMS && draft[list].length > current.draft[list].length)
        invalid({ form: [msg("validation.onboarding.listFull", { max: MAX_DRAFT_LIST_ITEMS })] });
    }
    await tx.onboardingCase.update({ where: { userId: actor.userId }, data: { draft: draft as unknown as Prisma.InputJsonValue, draftUpdatedAt: ctx.now() } });
    await recordAudit(tx, ctx, { action: "onboarding.draft_change", entity: "OnboardingCase", entityId: actor.userId, after: audit });
    return draft;
  });
}

export function invalid(errors: FieldMessages): never {
  const first = Object.values(errors)[0]?.[0] ?? msg("errors.onboarding.checkFields");
  throw new Invalid(
    Object.keys(errors).length === 1 ? msg("errors.onboarding.fieldRefused", { problem: first }) : msg("errors.onboarding.fieldsRefused"),
    errors,
  );
}

/** What parseForm needs of a schema (a zod schema has it). */
interface FormSchema<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string; params?: unknown }[] } };
}

/** Parse a form's fields, or refuse with each problem under the field it belongs to. */
export function parseForm<T>(schema: FormSchema<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  return invalid(issueMessagesByField(parsed.error.issues));
}

export function requireCategory(draft: OnboardingDraft): NonNullable<OnboardingDraft["category"]> {
  if (!draft.category) throw new Invalid(msg("errors.onboarding.categoryFirst"), { form: [msg("validation.onboarding.categoryFirst")] });
  return draft.category;
}

/** Map an evaluator path ("portfolio[0].ownership.holders") to the form field that holds it. */
const FIELD_OF: Record<string, string> = {
  valueMinor: "value",
  currency: "currency",
  statementDate: "statementDate",
  custodianOrIssuer: "custodianOrIssuer",
  description: "description",
  "ownership.holders": "holders",
  "ownership.agreedShare": "agreedSharePct",
  "ownership.companyName": "companyName",
  "ownership.ownership": "ownershipPct",
  ownership: "ownershipKind",
};

/** Run the PI evaluator's own validation on one new line, so the rule is not restated here. */
export function checkLineWithEvaluator(
  ctx: Pick<ServiceContext, "now">,
  category: PiInput["category"],
  input: PiInput,
  prefix: "portfolio[0]" | "totalAssets[0]",
): void {
  const result = evaluateProfessionalInvestor(
    { ...input, category },
    { assessmentDate: assessmentDateOf(ctx), fxRates: referenceFxRates(assessmentDateOf(ctx)) },
  );
  if (result.ok) return;
  const errors: FieldMessages = {};
  for (const e of result.errors) {
    if (!e.path.startsWith(prefix)) continue;
    const rest = e.path.slice(prefix.length + 1);
    const field = FIELD_OF[rest] ?? "form";
    (errors[field] ??= []).push(sentence(e.ref));
  }
  if (Object.keys(errors).length > 0) invalid(errors);
}

/**
 * Identifies one line of a draft list by its content, so a Remove button rendered from an older page
 * cannot remove whichever line has since moved to its position.
 */
export function draftItemFingerprint(item: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(item), "utf8").digest("hex").slice(0, 32);
}
