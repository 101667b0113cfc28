import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import type { ReactNode } from "react";
import { useMessageText } from "@/lib/transport/messages";
import { MAX_EVIDENCE_BYTES } from "@/lib/suitability/evidence-file";
import type { OnboardingView } from "@/lib/services/suitability/onboarding-view";
import type { CourseStatus, CriterionResult, KnowledgeBasis, RoleStatus, TradeStatus } from "@/lib/suitability/derivative-knowledge";
import { DocumentQuota } from "../document-quota";
import { DraftItemsTable, ItemDocument } from "../draft-items-table";
import styles from "../onboarding.module.css";
import { EvaluatorProblems, loadOnboardingStep, StepIntro } from "../step";
import { DeclarationsForm } from "./declarations-form";
import { CourseForm, RoleForm, StatementForm, TradeForm } from "./record-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.knowledge");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

/**
 * Onboarding step 3 (Code of Conduct 5.1A, SUIT-1 to SUIT-3): the three criteria, each
 * "yes" backed by structured records, and the live result of the knowledge assessment.
 */
export default async function KnowledgePage() {
  const { view, locked, documents } = await loadOnboardingStep();
  const { draft } = view;
  const windowStart = view.preview.knowledge?.trading.windowStart ?? null;
  const course = view.preview.platformCourse;
  const t = await getTranslations("onboarding.knowledge");
  const gate = await getTranslations("onboarding.knowledge.gate");
  const instrumentType = await getTranslations("labels.instrumentType");
  const form = await getTranslations("onboarding.form");
  // External courses come first in the assessment's training list, in draft order (the platform course after them).
  const courses = view.preview.knowledge?.training.courses ?? [];
  const roles = view.preview.knowledge?.workExperience.roles ?? [];
  const trades = view.preview.knowledge?.trading.trades ?? [];
  const courseStanding = (status: CourseStatus | undefined) =>
    status && (status.standing === "no_document" || status.standing === "awaiting_confirmation" || status.standing === "confirmed")
      ? gate(`courseStanding.${status.standing}`)
      : "—";
  const roleStanding = (status: RoleStatus | undefined) => (status ? gate(`roleStanding.${status.standing}`) : "—");
  const tradeStanding = (status: TradeStatus | undefined) =>
    status ? gate(`tradeStanding.${status.standing}`, { number: String((status.duplicateOf ?? 0) + 1) }) : "—";
  const disabled = locked !== null;
  const common = { assessmentDate: view.assessmentDate, maxBytes: MAX_EVIDENCE_BYTES, locked: disabled };
  const document = {
    header: t("columns.document"),
    cell: (record: { documentId: string | null }) => <ItemDocument id={record.documentId} documents={documents} />,
  };
  return (
    <article className="stack">
      <StepIntro title={t("title")} lead={t("lead")} locked={locked}>
        <DocumentQuota usage={view.storage} />
      </StepIntro>

      <section className="panel" aria-labelledby="answers">
        <h2 id="answers">{t("answers")}</h2>
        <DeclarationsForm declarations={draft.declarations} locked={disabled} />
      </section>

      <section className="stack" aria-labelledby="training">
        <h2 id="training">{t("training.title")}</h2>
        <div className="panel">
          <h3>{t("training.platformCourse")}</h3>
          {course ? (
            <p>
              {t.rich("training.courseCounts", { version: course.courseVersion, date: course.completionDate, strong, code: (chunks) => <code>{chunks}</code> })}
            </p>
          ) : (
            <p>{t.rich("training.courseNotCompleted", { link: (chunks) => <Link href="/portal/onboarding/course">{chunks}</Link> })}</p>
          )}
        </div>
        <p>{gate("courseRule")}</p>
        <DraftItemsTable
          list="training"
          items={draft.training}
          disabled={disabled}
          caption={t("training.caption")}
          empty={t("training.none")}
          actions={t("columns.actions")}
          columns={[
            { header: t("training.provider"), cell: (record) => record.provider },
            { header: t("training.topics"), cell: (record) => record.topics.join(", ") },
            { header: t("training.completed"), cell: (record) => record.completionDate },
            document,
            { header: gate("standing"), cell: (record) => courseStanding(courses[draft.training.indexOf(record)]) },
          ]}
          removeWhat={(record, index) => t("training.removeWhat", { number: index + 1, provider: record.provider })}
        />
        <div className="panel">
          <h3>{t("courseForm.label")}</h3>
          <CourseForm {...common} />
        </div>
      </section>

      <section className="stack" aria-labelledby="work">
        <h2 id="work">{t("work.title")}</h2>
        <DraftItemsTable
          list="workExperience"
          items={draft.workExperience}
          disabled={disabled}
          caption={t("work.caption")}
          empty={t("work.none")}
          actions={t("columns.actions")}
          columns={[
            { header: t("work.employer"), cell: (record) => record.employer },
            { header: t("work.role"), cell: (record) => record.role },
            { header: t("work.years"), cell: (record) => String(record.years) },
            { header: gate("relates"), cell: (record) => (record.relatesToDerivatives ? form("yes") : form("no")) },
            { header: t("work.duties"), cell: (record) => record.derivativeDuties },
            document,
            { header: gate("standing"), cell: (record) => roleStanding(roles[draft.workExperience.indexOf(record)]) },
          ]}
          removeWhat={(record, index) => t("work.removeWhat", { number: index + 1, role: record.role, employer: record.employer })}
        />
        <div className="panel">
          <h3>{t("roleForm.label")}</h3>
          <RoleForm {...common} />
        </div>
      </section>

      <section className="stack" aria-labelledby="trading">
        <h2 id="trading">{t("trading.title")}</h2>
        <p>{windowStart ? t.rich("trading.requirementSince", { start: windowStart, strong }) : t("trading.requirement")}</p>
        <p>{gate("tradingRule")}</p>
        <DraftItemsTable
          list="trades"
          items={draft.trades}
          disabled={disabled}
          caption={t("trading.caption")}
          empty={t("trading.none")}
          actions={t("columns.actions")}
          columns={[
            { header: t("trading.tradeDate"), cell: (record) => record.tradeDate },
            { header: gate("instrumentType"), cell: (record) => (record.instrumentType ? instrumentType(record.instrumentType) : "—") },
            { header: t("trading.instrument"), cell: (record) => record.instrument },
            { header: t("trading.venueOrBroker"), cell: (record) => record.venueOrBroker },
            {
              header: t("trading.inWindow"),
              cell: (record) => (windowStart === null ? "—" : record.tradeDate >= windowStart ? t("trading.inWindowYes") : t("trading.inWindowNo")),
            },
            document,
            { header: gate("standing"), cell: (record) => tradeStanding(trades[draft.trades.indexOf(record)]) },
          ]}
          removeWhat={(record, index) => t("trading.removeWhat", { number: index + 1, date: record.tradeDate, instrument: record.instrument })}
        />
        <div className="panel">
          <h3>{t("tradeForm.label")}</h3>
          <TradeForm {...common} />
        </div>
        <h3 id="statements">{gate("statements.title")}</h3>
        <p>{gate("statements.lead")}</p>
        <DraftItemsTable
          list="brokerStatements"
          items={draft.brokerStatements}
          disabled={disabled}
          caption={gate("statements.caption")}
          empty={gate("statements.none")}
          actions={t("columns.actions")}
          columns={[
            { header: gate("statements.broker"), cell: (record) => record.broker },
            { header: gate("statements.periodFrom"), cell: (record) => record.periodFrom, nowrap: true },
            { header: gate("statements.periodTo"), cell: (record) => record.periodTo, nowrap: true },
            document,
          ]}
          removeWhat={(record, index) =>
            gate("statements.removeWhat", { number: index + 1, broker: record.broker, from: record.periodFrom, to: record.periodTo })
          }
        />
        <div className="panel">
          <h3>{gate("statementForm.label")}</h3>
          <StatementForm {...common} />
        </div>
      </section>

      <KnowledgeResult view={view} />
    </article>
  );
}

/** The bases the assessment found, as one list ("training, trading experience"). */
function basisList(bases: readonly KnowledgeBasis[], label: (basis: KnowledgeBasis) => string, separator: string): string {
  return bases.map(label).join(separator);
}

function KnowledgeResult({ view }: { view: OnboardingView }) {
  const t = useTranslations("onboarding.knowledge.result");
  const onboarding = useTranslations("onboarding");
  const text = useMessageText();
  const { knowledge } = view.preview;
  const knowledgeErrors = view.preview.knowledgeErrors.map(text);
  return (
    <section className="panel" data-testid="knowledge-result" aria-labelledby="knowledge-result">
      <h2 id="knowledge-result">{t("title")}</h2>
      <p>{t.rich("intro", { date: view.assessmentDate, strong })}</p>
      <EvaluatorProblems title={t("cannotRun")} problems={knowledgeErrors} />
      {knowledge ? (
        <div className={styles.result}>
          <p className={styles.verdict}>
            {knowledge.hasKnowledge ? (
              <strong>{t("shown", { bases: basisList(knowledge.basis, (basis) => t("basis", { basis }), onboarding("listSeparator")) })}</strong>
            ) : (
              <strong>{t("notShown")}</strong>
            )}
          </p>
          <ul className={styles.reasons}>
            {knowledge.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <dl className="facts">
            <Criterion label={t("training")} result={knowledge.training} />
            <Criterion label={t("workExperience")} result={knowledge.workExperience} />
            <Criterion label={t("trading", { count: knowledge.trading.tradesInWindow, start: knowledge.trading.windowStart })} result={knowledge.trading} />
          </dl>
        </div>
      ) : null}
    </section>
  );
}

function Criterion({ label, result }: { label: string; result: CriterionResult }) {
  const t = useTranslations("onboarding.knowledge.result");
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {result.met ? <span className="pill pill--ok">{t("met")}</span> : <span className="pill pill--warn">{t("notMet")}</span>}
        <ul className={styles.reasons}>
          {result.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </dd>
    </div>
  );
}
