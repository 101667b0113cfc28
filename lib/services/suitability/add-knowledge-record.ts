import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { assessDerivativeKnowledge, type DerivativeKnowledgeInput } from "@/lib/suitability/derivative-knowledge";
import { brokerStatementForm, tradeRecordForm, trainingRecordForm, workRecordForm, type OnboardingDraft } from "@/lib/suitability/draft";
import { readEvidenceFile, storeEvidenceDocument } from "@/lib/services/suitability/evidence-documents";
import { assessmentDateOf, editDraft, invalid, parseForm } from "@/lib/services/suitability/internal";
import type { FieldMessages } from "@/lib/services/errors";
import { msg, sentence } from "@/lib/i18n/message-ref";
import type { AddKnowledgeRecordInput } from "@/lib/services/suitability/schemas";

/**
 * Add a structured record to a "yes" (SUIT-2): a course, a role, a trade or a statement covering trades,
 * validated by the knowledge rules. An external course needs its certificate and a role that involved
 * derivatives its document (an officer confirms each against it); a statement needs its document; a
 * trade's own document is optional when a statement covers it.
 */
export async function addKnowledgeRecord({ ctx, input }: { ctx: ServiceContext; input: AddKnowledgeRecordInput }): Promise<OnboardingDraft> {
  const actor = authorize(ctx, "portal.view");
  const { section, record: fields, file } = input;
  const single: DerivativeKnowledgeInput = {
    training: { declared: false, records: [] },
    workExperience: { declared: false, records: [] },
    trading: { declared: false, records: [] },
  };
  let apply: (draft: OnboardingDraft, documentId: string | null) => OnboardingDraft;
  const hasFile = file instanceof Blob && file.size > 0;
  if (section === "training") {
    const f = parseForm(trainingRecordForm, fields);
    // A course is not self-declared: its certificate is what an officer confirms it against (SUIT-2).
    if (!hasFile) invalid({ document: [msg("validation.suitability.knowledge.gate.courseDocumentRequired")] });
    const record = {
      kind: "external_course" as const,
      provider: f.provider,
      topics: f.topics
        .split(/[,;\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
      completionDate: f.completionDate,
    };
    single.training = { declared: true, records: [{ ...record, hasDocument: true, confirmation: null }] };
    apply = (d, documentId) => ({ ...d, declarations: { ...d.declarations, training: true }, training: [...d.training, { ...record, documentId }] });
  } else if (section === "workExperience") {
    const f = parseForm(workRecordForm, fields);
    // Asked, never assumed: a role that did not involve derivatives is kept but does not count.
    const relatesToDerivatives = f.relatesToDerivatives === "yes";
    if (relatesToDerivatives && !hasFile) invalid({ document: [msg("validation.suitability.knowledge.gate.roleDocumentRequired")] });
    const record = {
      employer: f.employer,
      role: f.role,
      years: Number(f.years),
      relatesToDerivatives,
      derivativeDuties: relatesToDerivatives ? f.derivativeDuties : "",
    };
    single.workExperience = { declared: true, records: [{ ...record, hasDocument: hasFile, confirmation: null }] };
    apply = (d, documentId) => ({
      ...d,
      declarations: { ...d.declarations, workExperience: true },
      workExperience: [...d.workExperience, { ...record, documentId }],
    });
  } else if (section === "trading") {
    const f = parseForm(tradeRecordForm, fields);
    const record = { tradeDate: f.tradeDate, instrumentType: f.instrumentType, instrument: f.instrument, venueOrBroker: f.venueOrBroker };
    single.trading = { declared: true, records: [{ ...record, hasDocument: hasFile }] };
    apply = (d, documentId) => ({ ...d, declarations: { ...d.declarations, trading: true }, trades: [...d.trades, { ...record, documentId }] });
  } else {
    const f = parseForm(brokerStatementForm, fields);
    if (!hasFile) invalid({ document: [msg("validation.suitability.knowledge.gate.statementDocumentRequired")] });
    const statement = { broker: f.broker, periodFrom: f.periodFrom, periodTo: f.periodTo };
    single.trading = { declared: false, records: [], statements: [{ ...statement, hasDocument: true }] };
    apply = (d, documentId) => ({ ...d, brokerStatements: [...(d.brokerStatements ?? []), { ...statement, documentId: documentId! }] });
  }
  const result = assessDerivativeKnowledge(single, { assessmentDate: assessmentDateOf(ctx) });
  if (!result.ok) {
    const errors: FieldMessages = {};
    for (const e of result.errors) (errors[e.path.split(".").pop() ?? "form"] ??= []).push(sentence(e.ref));
    invalid(errors);
  }
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
