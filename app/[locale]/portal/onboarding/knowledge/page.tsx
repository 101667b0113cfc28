import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { Link } from "@/lib/i18n/navigation";
import type { ReactNode } from "react";
import { requirePermission } from "@/lib/transport/session";
import { useMessageText } from "@/lib/transport/messages";
import type { EvidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";
import { MAX_EVIDENCE_BYTES } from "@/lib/suitability/evidence-file";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import type { OnboardingView } from "@/lib/services/suitability/onboarding-view";
import type { CriterionResult, KnowledgeBasis } from "@/lib/suitability/derivative-knowledge";
import { DocumentLink } from "../document-link";
import { DocumentQuota } from "../document-quota";
import { LockedNote } from "../form-parts";
import styles from "../onboarding.module.css";
import { draftItemFingerprint } from "@/lib/services/suitability/internal";
import { RemovableList, RemoveButton } from "../remove-item";
import { lockedReason } from "../status-text";
import { DeclarationsForm } from "./declarations-form";
import { CourseForm, RoleForm, TradeForm } from "./record-forms";

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
  const ctx = await requirePermission("portal.view");
  const view = await getOnboarding({ ctx });
  const { draft } = view;
  const locked = lockedReason(view);
  const documents = new Map(view.documents.map((document) => [document.id, document]));
  const common = { assessmentDate: view.assessmentDate, maxBytes: MAX_EVIDENCE_BYTES, locked: locked !== null };
  const windowStart = view.preview.knowledge?.trading.windowStart ?? null;
  const course = view.preview.platformCourse;
  const t = await getTranslations("onboarding.knowledge");
  const nav = await getTranslations("onboarding.nav");
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">{nav("overview")}</Link>
        </p>
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <LockedNote reason={locked} />
        <DocumentQuota usage={view.storage} />
      </div>

      <section className="panel" aria-labelledby="answers">
        <h2 id="answers">{t("answers")}</h2>
        <DeclarationsForm declarations={draft.declarations} locked={locked !== null} />
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
        <RemovableList list="training" count={draft.training.length} disabled={locked !== null}>
          <RecordsTable
            caption={t("training.caption")}
            empty={t("training.none")}
            headers={[t("training.provider"), t("training.topics"), t("training.completed"), t("columns.document")]}
            rows={draft.training.map((record, index) => ({
              cells: [record.provider, record.topics.join(", "), record.completionDate, <RecordDocument key="doc" id={record.documentId} documents={documents} />],
              remove: <RemoveButton index={index} fingerprint={draftItemFingerprint(record)} what={t("training.removeWhat", { number: index + 1, provider: record.provider })} />,
            }))}
          />
        </RemovableList>
        <div className="panel">
          <h3>{t("courseForm.label")}</h3>
          <CourseForm {...common} />
        </div>
      </section>

      <section className="stack" aria-labelledby="work">
        <h2 id="work">{t("work.title")}</h2>
        <RemovableList list="workExperience" count={draft.workExperience.length} disabled={locked !== null}>
          <RecordsTable
            caption={t("work.caption")}
            empty={t("work.none")}
            headers={[t("work.employer"), t("work.role"), t("work.years"), t("work.duties"), t("columns.document")]}
            rows={draft.workExperience.map((record, index) => ({
              cells: [record.employer, record.role, String(record.years), record.derivativeDuties, <RecordDocument key="doc" id={record.documentId} documents={documents} />],
              remove: (
                <RemoveButton
                  index={index}
                  fingerprint={draftItemFingerprint(record)}
                  what={t("work.removeWhat", { number: index + 1, role: record.role, employer: record.employer })}
                />
              ),
            }))}
          />
        </RemovableList>
        <div className="panel">
          <h3>{t("roleForm.label")}</h3>
          <RoleForm {...common} />
        </div>
      </section>

      <section className="stack" aria-labelledby="trading">
        <h2 id="trading">{t("trading.title")}</h2>
        <p>{windowStart ? t.rich("trading.requirementSince", { start: windowStart, strong }) : t("trading.requirement")}</p>
        <RemovableList list="trades" count={draft.trades.length} disabled={locked !== null}>
          <RecordsTable
            caption={t("trading.caption")}
            empty={t("trading.none")}
            headers={[t("trading.tradeDate"), t("trading.instrument"), t("trading.venueOrBroker"), t("trading.inWindow"), t("columns.document")]}
            rows={draft.trades.map((record, index) => ({
              cells: [
                record.tradeDate,
                record.instrument,
                record.venueOrBroker,
                windowStart === null ? "—" : record.tradeDate >= windowStart ? t("trading.inWindowYes") : t("trading.inWindowNo"),
                <RecordDocument key="doc" id={record.documentId} documents={documents} />,
              ],
              remove: (
                <RemoveButton
                  index={index}
                  fingerprint={draftItemFingerprint(record)}
                  what={t("trading.removeWhat", { number: index + 1, date: record.tradeDate, instrument: record.instrument })}
                />
              ),
            }))}
          />
        </RemovableList>
        <div className="panel">
          <h3>{t("tradeForm.label")}</h3>
          <TradeForm {...common} />
        </div>
      </section>

      <KnowledgeResult view={view} />
    </article>
  );
}

function RecordDocument({ id, documents }: { id: string | null; documents: Map<string, EvidenceDocumentMeta> }) {
  const t = useTranslations("onboarding.document");
  return id === null ? <span className="muted">{t("noneAttached")}</span> : <DocumentLink document={documents.get(id)} />;
}

function RecordsTable({ caption, empty, headers, rows }: { caption: string; empty: string; headers: string[]; rows: { cells: ReactNode[]; remove: ReactNode }[] }) {
  const t = useTranslations("onboarding.knowledge.columns");
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <TableShell caption={caption}>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header} scope="col">
              {header}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">{t("actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {row.cells.map((cell, column) => (
              <td key={column}>{cell}</td>
            ))}
            <td>{row.remove}</td>
          </tr>
        ))}
      </tbody>
    </TableShell>
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
      {knowledgeErrors.length > 0 ? (
        <Alert tone="error" as="div">
          <p>
            <strong>{t("cannotRun")}</strong>
          </p>
          <ul>
            {knowledgeErrors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
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
