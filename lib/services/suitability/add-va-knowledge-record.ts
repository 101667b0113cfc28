import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import type { FieldMessages } from "@/lib/services/errors";
import { msg, type MessageKey } from "@/lib/i18n/message-ref";
import type { OnboardingDraft } from "@/lib/suitability/draft";
import type { VaSection } from "@/lib/suitability/va-knowledge-fields";
import { vaTradeForm, vaTrainingForm, vaWorkForm } from "@/lib/suitability/va-knowledge-forms";
import {
  EMPTY_VA_KNOWLEDGE,
  vaKnowledgeOf,
  vaKnowledgeProblems,
  type DraftWithVaKnowledge,
  type VaKnowledgeError,
  type VaKnowledgeInput,
} from "@/lib/suitability/va-knowledge";
import { assessmentDateOf, editDraft, invalid, parseForm } from "@/lib/services/suitability/internal";

export interface AddVaKnowledgeRecordInput {
  section: VaSection;
  record: Record<string, unknown>;
}

const MESSAGE: Record<VaKnowledgeError["code"], MessageKey> = {
  DECLARED_WITHOUT_DETAILS: "validation.vaKnowledge.declaredWithoutDetails",
  DETAILS_WITHOUT_DECLARATION: "validation.vaKnowledge.detailsWithoutDeclaration",
  MISSING_FIELD: "validation.vaKnowledge.missingField",
  INVALID_DATE: "validation.vaKnowledge.invalidDate",
  FUTURE_DATE: "validation.vaKnowledge.futureDate",
  INVALID_YEARS: "validation.vaKnowledge.invalidYears",
};

/** SUIT-7: add one structured record to the VA section (a course, a role or a transaction); its answer becomes "yes". */
export async function addVaKnowledgeRecord({ ctx, input }: { ctx: ServiceContext; input: AddVaKnowledgeRecordInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const { section, record: fields } = input;
  const single: VaKnowledgeInput = structuredClone(EMPTY_VA_KNOWLEDGE);
  if (section === "training") single.training = { declared: true, records: [parseForm(vaTrainingForm, fields)] };
  else if (section === "workExperience") {
    const f = parseForm(vaWorkForm, fields);
    single.workExperience = { declared: true, records: [{ ...f, years: Number(f.years) }] };
  } else if (section === "trading") single.trading = { declared: true, records: [parseForm(vaTradeForm, fields)] };
  else invalid({ section: [msg("validation.vaKnowledge.answer")] });
  const problems = vaKnowledgeProblems(single, assessmentDateOf(ctx));
  if (problems.length > 0) {
    const errors: FieldMessages = {};
    for (const p of problems) (errors[p.path.split(".").pop() ?? "form"] ??= []).push(msg(MESSAGE[p.code]));
    invalid(errors);
  }
  return editDraft(ctx, actor, async (draft) => {
    const va = vaKnowledgeOf(draft);
    const added = single[section].records[0];
    const next = { ...va, [section]: { declared: true, records: [...va[section].records, added] } } as VaKnowledgeInput;
    const updated: DraftWithVaKnowledge = { ...draft, vaKnowledge: next };
    return { draft: updated, audit: { change: `va_${section}_record_added`, detail: { section, input: fields } } };
  });
}
