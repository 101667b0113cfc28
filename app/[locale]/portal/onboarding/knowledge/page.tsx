import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";
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

export const metadata: Metadata = { title: "Derivative knowledge" };
export const dynamic = "force-dynamic";

const BASIS_LABEL: Record<KnowledgeBasis, string> = { training: "training", work_experience: "work experience", trading_experience: "trading experience" };

/**
 * Onboarding step 3 (issue 7 pt 3; Code of Conduct 5.1A, SUIT-1 to SUIT-3): the three criteria, each
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
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">Onboarding</Link>
        </p>
        <h1>Derivative knowledge</h1>
        <p className="lead">
          Under the Code of Conduct (paragraph 5.1A) you have knowledge of derivatives if you meet any one of three criteria: (a) training or courses on
          derivatives, (b) work experience related to derivatives, or (c) at least 5 derivative transactions in the past 36 months. Answer each question; every
          &quot;yes&quot; needs its details below, as a bare &quot;yes&quot; is not accepted.
        </p>
        <LockedNote reason={locked} />
        <DocumentQuota usage={view.storage} />
      </div>

      <section className="panel" aria-labelledby="answers">
        <h2 id="answers">Your answers</h2>
        <DeclarationsForm declarations={draft.declarations} locked={locked !== null} />
      </section>

      <section className="stack" aria-labelledby="training">
        <h2 id="training">(a) Training or courses</h2>
        <div className="panel">
          <h3>The platform&apos;s perpetual-contracts course</h3>
          {course ? (
            <p>
              <strong>Counts as training.</strong> You completed course version <code>{course.courseVersion}</code> and passed its end quiz on{" "}
              {course.completionDate}.
            </p>
          ) : (
            <p>
              Not completed yet. The <Link href="/portal/onboarding/course">perpetual-contracts course</Link> counts as training once you pass its end quiz.
            </p>
          )}
        </div>
        <RemovableList list="training" count={draft.training.length} disabled={locked !== null}>
          <RecordsTable
            caption="Your courses"
            empty="No external courses listed."
            headers={["Course provider", "Topics", "Completed", "Document"]}
            rows={draft.training.map((record, index) => ({
              cells: [record.provider, record.topics.join(", "), record.completionDate, <RecordDocument key="doc" id={record.documentId} documents={documents} />],
              remove: <RemoveButton index={index} fingerprint={draftItemFingerprint(record)} what={`course ${index + 1} (${record.provider})`} />,
            }))}
          />
        </RemovableList>
        <div className="panel">
          <h3>Add a course</h3>
          <CourseForm {...common} />
        </div>
      </section>

      <section className="stack" aria-labelledby="work">
        <h2 id="work">(b) Work experience</h2>
        <RemovableList list="workExperience" count={draft.workExperience.length} disabled={locked !== null}>
          <RecordsTable
            caption="Your roles"
            empty="No roles listed."
            headers={["Employer", "Role", "Years", "Derivative-related duties", "Document"]}
            rows={draft.workExperience.map((record, index) => ({
              cells: [record.employer, record.role, String(record.years), record.derivativeDuties, <RecordDocument key="doc" id={record.documentId} documents={documents} />],
              remove: <RemoveButton index={index} fingerprint={draftItemFingerprint(record)} what={`role ${index + 1} (${record.role} at ${record.employer})`} />,
            }))}
          />
        </RemovableList>
        <div className="panel">
          <h3>Add a role</h3>
          <RoleForm {...common} />
        </div>
      </section>

      <section className="stack" aria-labelledby="trading">
        <h2 id="trading">(c) Derivative trading</h2>
        <p>
          At least 5 transactions in derivative products in the past 36 months
          {windowStart ? (
            <>
              {" "}
              (on or after <strong>{windowStart}</strong>)
            </>
          ) : null}
          , each with its date, instrument and venue or broker.
        </p>
        <RemovableList list="trades" count={draft.trades.length} disabled={locked !== null}>
          <RecordsTable
            caption="Your derivative trades"
            empty="No trades listed."
            headers={["Trade date", "Instrument", "Venue or broker", "In the 36-month window", "Document"]}
            rows={draft.trades.map((record, index) => ({
              cells: [
                record.tradeDate,
                record.instrument,
                record.venueOrBroker,
                windowStart === null ? "—" : record.tradeDate >= windowStart ? "Yes" : "No: too old to count",
                <RecordDocument key="doc" id={record.documentId} documents={documents} />,
              ],
              remove: <RemoveButton index={index} fingerprint={draftItemFingerprint(record)} what={`trade ${index + 1} (${record.tradeDate}, ${record.instrument})`} />,
            }))}
          />
        </RemovableList>
        <div className="panel">
          <h3>Add a trade</h3>
          <TradeForm {...common} />
        </div>
      </section>

      <KnowledgeResult view={view} />
    </article>
  );
}

function RecordDocument({ id, documents }: { id: string | null; documents: Map<string, EvidenceDocumentMeta> }) {
  return id === null ? <span className="muted">None attached</span> : <DocumentLink document={documents.get(id)} />;
}

function RecordsTable({ caption, empty, headers, rows }: { caption: string; empty: string; headers: string[]; rows: { cells: ReactNode[]; remove: ReactNode }[] }) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
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
      </table>
    </div>
  );
}

function KnowledgeResult({ view }: { view: OnboardingView }) {
  const { knowledge, knowledgeErrors } = view.preview;
  return (
    <section className="panel" data-testid="knowledge-result" aria-labelledby="knowledge-result">
      <h2 id="knowledge-result">Your derivative knowledge (preview)</h2>
      <p>
        The automatic assessment of your answers as of <strong>{view.assessmentDate}</strong> (Hong Kong date). It is a preview: a compliance officer reviews it
        and decides.
      </p>
      {knowledgeErrors.length > 0 ? (
        <div className="alert alert--error">
          <p>
            <strong>The assessment cannot run until these are fixed:</strong>
          </p>
          <ul>
            {knowledgeErrors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {knowledge ? (
        <div className={styles.result}>
          <p className={styles.verdict}>
            {knowledge.hasKnowledge ? (
              <strong>Knowledge of derivatives shown by {knowledge.basis.map((basis) => BASIS_LABEL[basis]).join(", ")}.</strong>
            ) : (
              <strong>No knowledge of derivatives shown yet.</strong>
            )}
          </p>
          <ul className={styles.reasons}>
            {knowledge.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <dl className="facts">
            <Criterion label="(a) Training" result={knowledge.training} />
            <Criterion label="(b) Work experience" result={knowledge.workExperience} />
            <Criterion
              label={`(c) Trading: ${knowledge.trading.tradesInWindow} in the window from ${knowledge.trading.windowStart}`}
              result={knowledge.trading}
            />
          </dl>
        </div>
      ) : null}
    </section>
  );
}

function Criterion({ label, result }: { label: string; result: CriterionResult }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {result.met ? <span className="pill pill--ok">Met</span> : <span className="pill pill--warn">Not met</span>}
        <ul className={styles.reasons}>
          {result.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </dd>
    </div>
  );
}
