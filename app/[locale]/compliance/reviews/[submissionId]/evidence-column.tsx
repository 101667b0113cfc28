import { formatInteger, formatUtc } from "@/lib/format";
import type { ReviewCase } from "@/lib/services/suitability/review";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import { ASSET_CLASS_LABELS, CATEGORY_LABELS, DOCUMENT_TYPE_LABELS, formatMinor, fractionPercent, type DraftOwnership } from "@/lib/suitability/draft";
import { safeDocumentName } from "@/lib/suitability/evidence-file";
import styles from "./page.module.css";
import { Check, yesNo } from "./review-marks";

/** What the client declared and uploaded: category, portfolio and total-assets lines, knowledge records, net worth. */
export function EvidenceColumn({ review }: { review: ReviewCase }) {
  const record = review.submission.record;
  const draft = record.draft;
  const documents = new Map(record.documents.map((d) => [d.id, d]));
  const verified = new Map(review.submission.documentsVerified.map((d) => [d.id, d.verified]));
  const doc = (id: string | null) => <DocumentRef id={id} documents={documents} verified={verified} />;
  return (
    <section className={styles.column} aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      <dl className={styles.kv}>
        <dt>Category</dt>
        <dd>{draft.category ? CATEGORY_LABELS[draft.category] : "not chosen"}</dd>
        {draft.category === "institutional" || draft.institutionalBasis.trim() !== "" ? (
          <>
            <dt>Institutional basis</dt>
            <dd>{draft.institutionalBasis.trim() || "none given"}</dd>
          </>
        ) : null}
      </dl>

      <h3>Portfolio</h3>
      {draft.portfolio.length === 0 ? (
        <p>No portfolio lines.</p>
      ) : (
        <ol className={styles.items}>
          {draft.portfolio.map((line, i) => (
            <li key={i}>
              <p className={styles.itemTitle}>
                {i + 1}. {ASSET_CLASS_LABELS[line.assetClass]}
              </p>
              <dl className={styles.kv}>
                <dt>Custodian or issuer</dt>
                <dd>{line.custodianOrIssuer}</dd>
                <dt>Value</dt>
                <dd>
                  {formatMinor(line.valueMinor, line.currency)} {line.currency}
                </dd>
                <dt>Statement date</dt>
                <dd>{line.statementDate}</dd>
                <dt>Document type</dt>
                <dd>{DOCUMENT_TYPE_LABELS[line.documentType]}</dd>
                <dt>Ownership</dt>
                <dd>{describeOwnership(line.ownership)}</dd>
                <dt>Document</dt>
                <dd>{doc(line.documentId)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      )}

      {draft.totalAssets.length > 0 || draft.category === "corporation" || draft.category === "partnership" || draft.category === "trust_corporation" ? (
        <>
          <h3>Total assets</h3>
          {draft.totalAssets.length === 0 ? (
            <p>No total-assets lines.</p>
          ) : (
            <ol className={styles.items}>
              {draft.totalAssets.map((line, i) => (
                <li key={i}>
                  <p className={styles.itemTitle}>
                    {i + 1}. {line.description}
                  </p>
                  <dl className={styles.kv}>
                    <dt>Value</dt>
                    <dd>
                      {formatMinor(line.valueMinor, line.currency)} {line.currency}
                    </dd>
                    <dt>Statement date</dt>
                    <dd>{line.statementDate}</dd>
                    <dt>Document type</dt>
                    <dd>{DOCUMENT_TYPE_LABELS[line.documentType]}</dd>
                    <dt>Document</dt>
                    <dd>{doc(line.documentId)}</dd>
                  </dl>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}

      <h3>Derivative knowledge (as declared)</h3>
      <dl className={styles.kv}>
        <dt>Training or courses</dt>
        <dd>{yesNo(draft.declarations.training)}</dd>
        <dt>Work experience</dt>
        <dd>{yesNo(draft.declarations.workExperience)}</dd>
        <dt>Trading experience</dt>
        <dd>{yesNo(draft.declarations.trading)}</dd>
      </dl>
      {draft.training.length > 0 ? (
        <ol className={styles.items} aria-label="Courses">
          {draft.training.map((course, i) => (
            <li key={i}>
              <p className={styles.itemTitle}>Course: {course.provider}</p>
              <dl className={styles.kv}>
                <dt>Topics</dt>
                <dd>{course.topics.join("; ")}</dd>
                <dt>Completed</dt>
                <dd>{course.completionDate}</dd>
                <dt>Document</dt>
                <dd>{doc(course.documentId)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : null}
      {draft.workExperience.length > 0 ? (
        <ol className={styles.items} aria-label="Roles">
          {draft.workExperience.map((work, i) => (
            <li key={i}>
              <p className={styles.itemTitle}>
                Role: {work.role}, {work.employer}
              </p>
              <dl className={styles.kv}>
                <dt>Years</dt>
                <dd>{work.years}</dd>
                <dt>Related to derivatives</dt>
                <dd>{work.relatesToDerivatives ? "Yes" : "No"}</dd>
                <dt>Derivative duties</dt>
                <dd>{work.derivativeDuties || "none given"}</dd>
                <dt>Document</dt>
                <dd>{doc(work.documentId)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : null}
      {draft.trades.length > 0 ? (
        <ol className={styles.items} aria-label="Trades">
          {draft.trades.map((trade, i) => (
            <li key={i}>
              <p className={styles.itemTitle}>
                Trade {trade.tradeDate}: {trade.instrument}
              </p>
              <dl className={styles.kv}>
                <dt>Venue or broker</dt>
                <dd>{trade.venueOrBroker}</dd>
                <dt>Document</dt>
                <dd>{doc(trade.documentId)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : null}

      <h3>Net worth</h3>
      {draft.netWorth ? (
        <dl className={styles.kv}>
          <dt>Net worth</dt>
          <dd>{formatMinor(draft.netWorth.netWorthHkdCents, "HKD")} HKD</dd>
          <dt>Liquid assets</dt>
          <dd>{formatMinor(draft.netWorth.liquidAssetsHkdCents, "HKD")} HKD</dd>
        </dl>
      ) : (
        <p>Not given.</p>
      )}
    </section>
  );
}

function DocumentRef({ id, documents, verified }: { id: string | null; documents: Map<string, SubmissionRecord["documents"][number]>; verified: Map<string, boolean> }) {
  if (id === null) return <span>none attached</span>;
  const document = documents.get(id);
  if (!document) return <span className="pill pill--high">Document {id} is missing from the record</span>;
  return (
    <>
      <a href={`/api/portal/onboarding/documents/${document.id}`}>{safeDocumentName(document.fileName, document.mediaType)}</a>{" "}
      <span className="muted">
        ({document.mediaType}, {formatInteger(document.sizeBytes)} bytes, uploaded {formatUtc(Date.parse(document.uploadedAt))})
      </span>
      <br />
      SHA-256 <code className="hash">{document.sha256}</code> <Check ok={verified.get(document.id) === true} yes="hash verified" no="HASH MISMATCH" />
    </>
  );
}

function describeOwnership(ownership: DraftOwnership): string {
  switch (ownership.kind) {
    case "sole":
      return "Sole";
    case "joint_with_associate":
      return `Joint with an associate (${ownership.associate})`;
    case "joint_with_non_associates":
      return `Joint with non-associates, ${ownership.holders} holders; ${ownership.agreedShare ? `agreed share ${fractionPercent(ownership.agreedShare)}` : "no written agreed share"}`;
    case "investment_holding_company":
      return `Through ${ownership.companyName}, owned ${fractionPercent(ownership.ownership)}; principal business holding investments: ${ownership.principalBusinessIsHoldingInvestments ? "yes" : "no"}`;
  }
}
