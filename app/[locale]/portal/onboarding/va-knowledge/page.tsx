import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { assessVaKnowledge, vaKnowledgeOf, VA_KNOWLEDGE } from "@/lib/suitability/va-knowledge";
import { loadOnboardingStep, StepIntro } from "../step";
import { VaCourseForm, VaDeclarationsForm, VaRoleForm, VaTradeForm } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.vaKnowledge");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * SUIT-7: knowledge of virtual assets, a record of its own beside the derivative-knowledge step. It is
 * kept in the application and shown to the reviewing officer; the perps access decision reads the
 * derivative-knowledge assessment only.
 */
export default async function VaKnowledgePage() {
  const { view, locked } = await loadOnboardingStep();
  const t = await getTranslations("onboarding.vaKnowledge");
  const va = vaKnowledgeOf(view.draft);
  const result = assessVaKnowledge(va, { assessmentDate: view.assessmentDate });
  const disabled = locked !== null;
  const declared = { training: va.training.declared, workExperience: va.workExperience.declared, trading: va.trading.declared };
  return (
    <article className="stack">
      <StepIntro title={t("title")} lead={t("lead")} locked={locked} />
      <section className="panel" aria-labelledby="va-answers">
        <h2 id="va-answers">{t("answers")}</h2>
        <VaDeclarationsForm declared={declared} locked={disabled} />
      </section>

      <section className="panel" aria-labelledby="va-result" data-testid="va-knowledge-result">
        <h2 id="va-result">{t("result.title")}</h2>
        {result.ok ? (
          <p>
            {result.assessment.hasKnowledge
              ? t("result.has", { basis: result.assessment.basis.map((b) => t(`basis.${b}`)).join(", ") })
              : t("result.none", { min: VA_KNOWLEDGE.MIN_TRANSACTIONS, since: result.assessment.windowStart, count: result.assessment.transactionsInWindow })}
          </p>
        ) : (
          <p>{t("result.incomplete")}</p>
        )}
        <p className="field__hint">{t("result.separate")}</p>
      </section>

      <section className="stack" aria-labelledby="va-training">
        <h2 id="va-training">{t("training")}</h2>
        <RecordList items={va.training.records.map((r) => `${r.provider}: ${r.topics} (${r.completionDate})`)} empty={t("noRecords")} />
        <div className="panel">
          <VaCourseForm locked={disabled} assessmentDate={view.assessmentDate} />
        </div>
      </section>
      <section className="stack" aria-labelledby="va-work">
        <h2 id="va-work">{t("workExperience")}</h2>
        <RecordList items={va.workExperience.records.map((r) => `${r.role}, ${r.employer} (${r.years}): ${r.vaDuties}`)} empty={t("noRecords")} />
        <div className="panel">
          <VaRoleForm locked={disabled} />
        </div>
      </section>
      <section className="stack" aria-labelledby="va-trading">
        <h2 id="va-trading">{t("trading")}</h2>
        <RecordList items={va.trading.records.map((r) => `${r.tradeDate}: ${r.asset}, ${r.venueOrBroker}`)} empty={t("noRecords")} />
        <div className="panel">
          <VaTradeForm locked={disabled} assessmentDate={view.assessmentDate} />
        </div>
      </section>
    </article>
  );
}

function RecordList({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul>
      {items.map((item, i) => (
        <li key={`${i}-${item}`}>{item}</li>
      ))}
    </ul>
  );
}
