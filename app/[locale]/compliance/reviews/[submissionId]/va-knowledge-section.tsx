import { useTranslations } from "next-intl";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import { vaKnowledgeOf } from "@/lib/suitability/va-knowledge";
import { Check } from "./review-marks";

/**
 * SUIT-7: the submission's virtual-asset knowledge record, its own section beside the derivative
 * knowledge the evaluator decided on. Shown for the officer's judgement; it is not part of the perps
 * decision. Records made before the section existed say so.
 */
export function VaKnowledgeSection({ record }: { record: SubmissionRecord }) {
  const t = useTranslations("compliance.vaKnowledgeReview");
  const va = vaKnowledgeOf(record.draft);
  const assessment = record.vaKnowledge;
  const answer = (declared: boolean | null) => (declared === null ? t("notAnswered") : declared ? t("yes") : t("no"));
  return (
    <section className="panel" aria-labelledby="va-knowledge-heading" data-testid="review-va-knowledge">
      <h2 id="va-knowledge-heading">{t("title")}</h2>
      <p className="field__hint">{t("separate")}</p>
      {assessment === undefined ? (
        <p>{t("notRecorded")}</p>
      ) : (
        <p>
          {assessment === null ? (
            t("incomplete")
          ) : (
            <Check ok={assessment.hasKnowledge} yes={t("has", { basis: assessment.basis.map((b) => t(`basis.${b}`)).join(", ") })} no={t("none")} />
          )}
        </p>
      )}
      <dl>
        <dt>{t("training")}</dt>
        <dd>
          {answer(va.training.declared)}
          <ul>
            {va.training.records.map((r, i) => (
              <li key={i}>{`${r.provider}: ${r.topics} (${r.completionDate})`}</li>
            ))}
          </ul>
        </dd>
        <dt>{t("workExperience")}</dt>
        <dd>
          {answer(va.workExperience.declared)}
          <ul>
            {va.workExperience.records.map((r, i) => (
              <li key={i}>{`${r.role}, ${r.employer} (${r.years}): ${r.vaDuties}`}</li>
            ))}
          </ul>
        </dd>
        <dt>{t("trading")}</dt>
        <dd>
          {answer(va.trading.declared)}
          <ul>
            {va.trading.records.map((r, i) => (
              <li key={i}>{`${r.tradeDate}: ${r.asset}, ${r.venueOrBroker}`}</li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}
