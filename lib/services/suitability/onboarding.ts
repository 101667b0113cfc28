import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "@/lib/audit/chain";
import type { Prisma } from "@/prisma/generated/client";
import { authorize, withTransaction, type Actor, type ServiceContext, type Tx } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Conflict, Invalid, NotFound } from "@/lib/services/errors";
import { hongKongDate } from "@/lib/suitability/dates";
import { assessDerivativeKnowledge, type DerivativeKnowledgeInput } from "@/lib/suitability/derivative-knowledge";
import {
  categorySchema,
  declarationsForm,
  EMPTY_DRAFT,
  hasTotalAssetsTest,
  normaliseDraft,
  parseMoney,
  parsePercent,
  portfolioLineForm,
  portfolioLineInput,
  totalAssetsLineForm,
  totalAssetsLineInput,
  tradeRecordForm,
  trainingRecordForm,
  workRecordForm,
  netWorthForm,
  type DraftOwnership,
  type DraftPortfolioLine,
  type DraftTotalAssetsLine,
  type OnboardingDraft,
} from "@/lib/suitability/draft";
import { referenceFxRates } from "@/lib/suitability/fx-reference";
import { evaluateProfessionalInvestor, type PiInput } from "@/lib/suitability/pi-evaluator";
import { deleteUnreferencedDocuments, readEvidenceFile, storeEvidenceDocument } from "@/lib/services/suitability/evidence-documents";

/** Where the review stands; the client may edit the draft only while no officer is looking at it. */
export type OnboardingStatus = "DRAFT" | "SUBMITTED" | "INFO_REQUESTED" | "PENDING_SECOND_APPROVAL" | "APPROVED" | "REJECTED";
const EDITABLE: readonly OnboardingStatus[] = ["DRAFT", "INFO_REQUESTED", "REJECTED", "APPROVED"];

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

export async function loadCase(db: Tx | ServiceContext["db"], userId: string): Promise<CaseRow | null> {
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
 * Every draft change goes through here: authorize, lock, refuse while under review, apply, save and
 * audit in one transaction. `edit` throws Invalid for bad input, so nothing is saved.
 */
const LIST_KEYS = { portfolio: "portfolio", totalAssets: "totalAssets", training: "training", workExperience: "workExperience", trades: "trades" } as const;
/** Entries per list of an application: far more than any real application has, so a draft cannot grow without bound. */
export const MAX_DRAFT_LIST_ITEMS = 50;

async function editDraft(ctx: ServiceContext, edit: (draft: OnboardingDraft, tx: Tx, actor: Actor) => Promise<DraftEdit>): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  return withTransaction(ctx, async (tx) => {
    const current = await lockCase(tx, ctx, actor.userId);
    if (!EDITABLE.includes(current.status))
      throw new Conflict(
        current.status === "PENDING_SECOND_APPROVAL" || current.status === "SUBMITTED"
          ? "Your application is with a compliance officer, so it cannot be changed now. If they need more information they will ask, and you can then change it."
          : "Your application cannot be changed now.",
      );
    const { draft, audit } = await edit(current.draft, tx, actor);
    for (const list of Object.values(LIST_KEYS)) {
      if (draft[list].length > MAX_DRAFT_LIST_ITEMS && draft[list].length > current.draft[list].length) invalid({ form: [`An application lists at most ${MAX_DRAFT_LIST_ITEMS} entries of each kind; remove one before adding another.`] });
    }
    await tx.onboardingCase.update({ where: { userId: actor.userId }, data: { draft: draft as unknown as Prisma.InputJsonValue, draftUpdatedAt: ctx.now() } });
    await recordAudit(tx, ctx, { action: "onboarding.draft_change", entity: "OnboardingCase", entityId: actor.userId, after: audit });
    return draft;
  });
}

function invalid(errors: Record<string, string[]>): never {
  const first = Object.values(errors)[0]?.[0] ?? "Check the fields marked below.";
  throw new Invalid(Object.keys(errors).length === 1 ? `${first} Nothing was saved.` : "Check the fields marked below; nothing was saved.", errors);
}

function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return invalid(errors);
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
function checkLineWithEvaluator(category: PiInput["category"], input: PiInput, ctx: ServiceContext, prefix: "portfolio[0]" | "totalAssets[0]"): void {
  const result = evaluateProfessionalInvestor({ ...input, category }, { assessmentDate: assessmentDateOf(ctx), fxRates: referenceFxRates(assessmentDateOf(ctx)) });
  if (result.ok) return;
  const errors: Record<string, string[]> = {};
  for (const e of result.errors) {
    if (!e.path.startsWith(prefix)) continue;
    const rest = e.path.slice(prefix.length + 1);
    const field = FIELD_OF[rest] ?? "form";
    (errors[field] ??= []).push(sentence(e.message));
  }
  if (Object.keys(errors).length > 0) invalid(errors);
}

const sentence = (m: string) => (m.charAt(0).toUpperCase() + m.slice(1)).replace(/\.?$/, ".");

function requireCategory(draft: OnboardingDraft): NonNullable<OnboardingDraft["category"]> {
  if (!draft.category) throw new Invalid("Choose your investor category first: which evidence counts depends on it.", { form: ["Choose your investor category first."] });
  return draft.category;
}

// ---- Step 1: category ----

export async function setCategory({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof categorySchema> }): Promise<OnboardingDraft> {
  const { category, institutionalBasis } = parseForm(categorySchema, input);
  if (category === "institutional" && !institutionalBasis) invalid({ institutionalBasis: ["State which paragraph (a)–(i) of the SFO Schedule 1 definition applies to you and why."] });
  return editDraft(ctx, async (draft) => {
    const next: OnboardingDraft = { ...draft, category, institutionalBasis: category === "institutional" ? institutionalBasis : "" };
    // Joint accounts with an associate are an individual's rule (PI Rules s.5): such lines cannot stay under another category.
    if (category !== "individual" && next.portfolio.some((l) => l.ownership.kind === "joint_with_associate"))
      throw new Invalid("Remove the joint accounts held with a spouse or child first: that rule applies to individuals only (PI Rules s.5).", { category: ["Joint accounts with an associate apply to individuals only."] });
    return { draft: next, audit: { change: "category", detail: { category, institutionalBasis: next.institutionalBasis } } };
  });
}

// ---- Step 2: evidence lines with their documents ----

function ownershipFrom(form: z.output<typeof portfolioLineForm>): DraftOwnership {
  switch (form.ownershipKind) {
    case "sole":
      return { kind: "sole" };
    case "joint_with_associate":
      if (!form.associate) invalid({ associate: ["Say whether the joint holder is your spouse or your child."] });
      return { kind: "joint_with_associate", associate: form.associate! };
    case "joint_with_non_associates": {
      if (form.holders === undefined || !Number.isFinite(form.holders)) invalid({ holders: ["Enter how many people hold the account, you included."] });
      const share = form.agreedSharePct?.trim() ? parsePercent(form.agreedSharePct) : null;
      if (share && !share.ok) invalid({ agreedSharePct: [share.message] });
      return { kind: "joint_with_non_associates", holders: form.holders!, agreedShare: share && share.ok ? share.fraction : null };
    }
    case "investment_holding_company": {
      const pct = parsePercent(form.ownershipPct ?? "");
      if (!pct.ok) invalid({ ownershipPct: [pct.message] });
      if (!form.principalBusinessIsHoldingInvestments) invalid({ principalBusinessIsHoldingInvestments: ["Say whether the company's principal business is holding investments."] });
      return {
        kind: "investment_holding_company",
        companyName: form.companyName ?? "",
        ownership: (pct as { ok: true; fraction: { numerator: string; denominator: string } }).fraction,
        principalBusinessIsHoldingInvestments: form.principalBusinessIsHoldingInvestments === "yes",
      };
    }
  }
}

/** Add one portfolio line (PI-2, PI-4, PI-5) with the statement that shows it, or change nothing. */
export async function addPortfolioLine({ ctx, input, file }: { ctx: ServiceContext; input: Record<string, unknown>; file: unknown }): Promise<OnboardingDraft> {
  const form = parseForm(portfolioLineForm, input);
  const money = parseMoney(form.value, form.currency);
  if (!money.ok) invalid({ [money.message.startsWith("Currency") ? "currency" : "value"]: [money.message] });
  const ownership = ownershipFrom(form);
  const evidence = await readEvidenceFile(file);
  return editDraft(ctx, async (draft, tx, actor) => {
    const category = requireCategory(draft);
    if (category === "trust_corporation" || category === "institutional")
      throw new Invalid(category === "institutional" ? "Institutional professional investors have no portfolio test: no evidence lines are needed." : "A trust corporation is assessed on total assets, not a portfolio: add total-assets evidence instead.");
    const line: Omit<DraftPortfolioLine, "documentId"> = {
      assetClass: form.assetClass,
      custodianOrIssuer: form.custodianOrIssuer,
      documentType: form.documentType,
      valueMinor: (money as { minor: bigint }).minor.toString(),
      currency: form.currency,
      statementDate: form.statementDate,
      ownership,
    };
    checkLineWithEvaluator(category, { category, portfolio: [portfolioLineInput({ ...line, documentId: "" })] }, ctx, "portfolio[0]");
    const document = await storeEvidenceDocument(tx, ctx, actor.userId, evidence);
    return { draft: { ...draft, portfolio: [...draft.portfolio, { ...line, documentId: document.id }] }, audit: { change: "portfolio_line_added", detail: { ...line, document: { id: document.id, sha256: document.sha256 } } } };
  });
}

export async function addTotalAssetsLine({ ctx, input, file }: { ctx: ServiceContext; input: Record<string, unknown>; file: unknown }): Promise<OnboardingDraft> {
  const form = parseForm(totalAssetsLineForm, input);
  const money = parseMoney(form.value, form.currency);
  if (!money.ok) invalid({ [money.message.startsWith("Currency") ? "currency" : "value"]: [money.message] });
  const evidence = await readEvidenceFile(file);
  return editDraft(ctx, async (draft, tx, actor) => {
    const category = requireCategory(draft);
    if (!hasTotalAssetsTest(category)) throw new Invalid(`The total-assets test does not apply to ${category === "individual" ? "individuals" : "institutional professional investors"}.`);
    const line: Omit<DraftTotalAssetsLine, "documentId"> = { description: form.description, documentType: form.documentType, valueMinor: (money as { minor: bigint }).minor.toString(), currency: form.currency, statementDate: form.statementDate };
    checkLineWithEvaluator(category, { category, portfolio: [], totalAssets: [totalAssetsLineInput({ ...line, documentId: "" })] }, ctx, "totalAssets[0]");
    const document = await storeEvidenceDocument(tx, ctx, actor.userId, evidence);
    return { draft: { ...draft, totalAssets: [...draft.totalAssets, { ...line, documentId: document.id }] }, audit: { change: "total_assets_line_added", detail: { ...line, document: { id: document.id, sha256: document.sha256 } } } };
  });
}


export type DraftListKey = keyof typeof LIST_KEYS;

/**
 * Identifies one line of a draft list by its content, so a Remove button rendered from an older page
 * cannot remove whichever line has since moved to its position.
 */
export function draftItemFingerprint(item: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(item), "utf8").digest("hex").slice(0, 32);
}

export const RemoveDraftItemInput = z.object({
  list: z.enum(Object.keys(LIST_KEYS) as [DraftListKey, ...DraftListKey[]]),
  index: z.coerce.number().int().min(0).max(MAX_DRAFT_LIST_ITEMS),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, "The form did not say which line to remove; reload the page and try again."),
});

/**
 * Remove one line or record. Its document goes with it unless a submission refers to it (then it stays
 * on file for the record): the client's way to free space in their document quota.
 */
export async function removeDraftItem({ ctx, input }: { ctx: ServiceContext; input: { list: string; index: string | number; fingerprint: string } }): Promise<{ draft: OnboardingDraft; document: "deleted" | "kept" | "none" }> {
  const { list, index, fingerprint } = parseForm(RemoveDraftItemInput, input);
  let document: "deleted" | "kept" | "none" = "none";
  const draft = await editDraft(ctx, async (current, tx, actor) => {
    const items = current[list] as { documentId?: string | null }[];
    if (index >= items.length || draftItemFingerprint(items[index]) !== fingerprint)
      throw new NotFound("That line is no longer where your page showed it (it may have been changed in another tab): nothing was removed. Reload the page and try again.");
    const next = { ...current, [list]: items.filter((_, i) => i !== index) };
    const documentId = items[index]!.documentId;
    if (documentId) {
      const deleted = await deleteUnreferencedDocuments(tx, ctx, { userId: actor.userId, draft: next, candidates: [documentId], reason: "Its line was removed from the application and no submission refers to it." });
      document = deleted > 0 ? "deleted" : "kept";
    }
    return { draft: next, audit: { change: `${list}_removed`, detail: { index, removed: items[index], document } } };
  });
  return { draft, document };
}

// ---- Step 3: derivative knowledge (Code 5.1A) ----

export async function setDeclarations({ ctx, input }: { ctx: ServiceContext; input: Record<string, unknown> }): Promise<OnboardingDraft> {
  const form = parseForm(declarationsForm, input);
  return editDraft(ctx, async (draft) => {
    const declarations = { training: form.training === "yes", workExperience: form.workExperience === "yes", trading: form.trading === "yes" };
    const orphaned = (["training", "workExperience", "trading"] as const).filter((k) => !declarations[k] && (k === "trading" ? draft.trades : draft[k]).length > 0);
    if (orphaned.length > 0)
      throw new Invalid(`You answered "no" but have records under ${orphaned.map((k) => SECTION_LABEL[k]).join(" and ")}: remove them first, or answer "yes".`);
    return { draft: { ...draft, declarations }, audit: { change: "knowledge_declarations", detail: declarations } };
  });
}

const SECTION_LABEL = { training: "training or courses", workExperience: "work experience", trading: "derivative trades" } as const;

export type KnowledgeSection = "training" | "workExperience" | "trading";

/** Add a structured record to a "yes" (SUIT-2): a course, a role or a trade, validated by the knowledge rules. */
export async function addKnowledgeRecord({ ctx, section, input, file }: { ctx: ServiceContext; section: KnowledgeSection; input: Record<string, unknown>; file?: unknown }): Promise<OnboardingDraft> {
  const single: DerivativeKnowledgeInput = {
    training: { declared: false, records: [] },
    workExperience: { declared: false, records: [] },
    trading: { declared: false, records: [] },
  };
  let apply: (draft: OnboardingDraft, documentId: string | null) => OnboardingDraft;
  if (section === "training") {
    const f = parseForm(trainingRecordForm, input);
    const record = { kind: "external_course" as const, provider: f.provider, topics: f.topics.split(/[,;\n]/).map((t) => t.trim()).filter(Boolean), completionDate: f.completionDate };
    single.training = { declared: true, records: [record] };
    apply = (d, documentId) => ({ ...d, declarations: { ...d.declarations, training: true }, training: [...d.training, { ...record, documentId }] });
  } else if (section === "workExperience") {
    const f = parseForm(workRecordForm, input);
    const record = { employer: f.employer, role: f.role, years: Number(f.years), relatesToDerivatives: true, derivativeDuties: f.derivativeDuties };
    single.workExperience = { declared: true, records: [record] };
    apply = (d, documentId) => ({ ...d, declarations: { ...d.declarations, workExperience: true }, workExperience: [...d.workExperience, { ...record, documentId }] });
  } else {
    const f = parseForm(tradeRecordForm, input);
    single.trading = { declared: true, records: [f] };
    apply = (d, documentId) => ({ ...d, declarations: { ...d.declarations, trading: true }, trades: [...d.trades, { ...f, documentId }] });
  }
  const result = assessDerivativeKnowledge(single, { assessmentDate: assessmentDateOf(ctx) });
  if (!result.ok) {
    const errors: Record<string, string[]> = {};
    for (const e of result.errors) (errors[e.path.split(".").pop() ?? "form"] ??= []).push(sentence(e.message));
    invalid(errors);
  }
  const hasFile = file instanceof Blob && file.size > 0;
  const evidence = hasFile ? await readEvidenceFile(file) : null;
  return editDraft(ctx, async (draft, tx, actor) => {
    const document = evidence ? await storeEvidenceDocument(tx, ctx, actor.userId, evidence) : null;
    const next = apply(draft, document?.id ?? null);
    return { draft: next, audit: { change: `${section}_record_added`, detail: { section, input, document: document && { id: document.id, sha256: document.sha256 } } } };
  });
}

// ---- Step 4: net worth (Code 5.3) ----

export async function setNetWorth({ ctx, input }: { ctx: ServiceContext; input: Record<string, unknown> }): Promise<OnboardingDraft> {
  const form = parseForm(netWorthForm, input);
  const errors: Record<string, string[]> = {};
  const netWorth = parseMoney(form.netWorthHkd, "HKD");
  const liquid = parseMoney(form.liquidAssetsHkd, "HKD");
  if (!netWorth.ok) errors.netWorthHkd = [netWorth.message];
  if (!liquid.ok) errors.liquidAssetsHkd = [liquid.message];
  if (netWorth.ok && liquid.ok && liquid.minor > netWorth.minor) errors.liquidAssetsHkd = ["Liquid assets are part of your net worth, so they cannot be larger than it."];
  if (Object.keys(errors).length > 0) invalid(errors);
  const value = { netWorthHkdCents: (netWorth as { minor: bigint }).minor.toString(), liquidAssetsHkdCents: (liquid as { minor: bigint }).minor.toString() };
  return editDraft(ctx, async (draft) => ({ draft: { ...draft, netWorth: value }, audit: { change: "net_worth", detail: value } }));
}
