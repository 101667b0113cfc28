import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { assessDerivativeKnowledge, type DerivativeKnowledgeInput } from "@/lib/suitability/derivative-knowledge";
import { tradeRecordForm, trainingRecordForm, workRecordForm, type OnboardingDraft } from "@/lib/suitability/draft";
import { readEvidenceFile, storeEvidenceDocument } from "@/lib/services/suitability/evidence-documents";
import { assessmentDateOf, editDraft, invalid, parseForm } from "@/lib/services/suitability/internal";
import type { FieldMessages } from "@/lib/services/errors";
import { sentence } from "@/lib/i18n/message-ref";
import type { AddKnowledgeRecordInput } from "@/lib/services/suitability/schemas";

/** Add a structured record to a "yes" (SUIT-2): a course, a role or a trade, validated by the knowledge rules. */
export async function addKnowledgeRecord({ ctx, input }: { ctx: ServiceContext; input: AddKnowledgeRecordInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const { section, record: fields, file } = input;
  const single: DerivativeKnowledgeInput = {
    training: { declared: false, records: [] },
    workExperience: { declared: false, records: [] },
    trading: { declared: false, records: [] },
  };
  let apply: (draft: OnboardingDraft, documentId: string | null) => OnboardingDraft;
  if (section === "training") {
    const f = parseForm(trainingRecordForm, fields);
    const record = {
      kind: "external_course" as const,
      provider: f.provider,
      topics: f.topics
        .split(/[,;\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
      completionDate: f.completionDate,
    };
    single.training = { declared: true, records: [record] };
    apply = (d, documentId) => ({ ...d, declarations: { ...d.declarations, training: true }, training: [...d.training, { ...record, documentId }] });
  } else if (section === "workExperience") {
    const f = parseForm(workRecordForm, fields);
    const record = { employer: f.employer, role: f.role, years: Number(f.years), relatesToDerivatives: true, derivativeDuties: f.derivativeDuties };
    single.workExperience = { declared: true, records: [record] };
    apply = (d, documentId) => ({
      ...d,
      declarations: { ...d.declarations, workExperience: true },
      workExperience: [...d.workExperience, { ...record, documentId }],
    });
  } else {
    const f = parseForm(tradeRecordForm, fields);
    single.trading = { declared: true, records: [f] };
    apply = (d, documentId) => ({ ...d, declarations: { ...d.declarations, trading: true }, trades: [...d.trades, { ...f, documentId }] });
  }
  const result = assessDerivativeKnowledge(single, { assessmentDate: assessmentDateOf(ctx) });
  if (!result.ok) {
    const errors: FieldMessages = {};
    for (const e of result.errors) (errors[e.path.split(".").pop() ?? "form"] ??= []).push(sentence(e.ref));
    invalid(errors);
  }
  const hasFile = file instanceof Blob && file.size > 0;
  const evidence = hasFile ? await readEvidenceFile(file) : null;
  return editDraft(ctx, actor, async (draft, tx) => {
    const document = evidence ? await storeEvidenceDocument(tx, ctx, actor.userId, evidence) : null;
    const next = apply(draft, document?.id ?? null);
    // The audit keeps the record's fields as posted under "input", as it always has.
    return {
      draft: next,
      audit: { change: `${section}_record_added`, detail: { section, input: fields, document: document && { id: document.id, sha256: document.sha256 } } },
    };
  });
}
