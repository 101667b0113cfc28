import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { formatInteger, formatPpbDecimal, formatPpbPercentExact, formatUsdMicros, formatUtc } from "@/lib/format";
import { requireStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { NotFound, StepUpRequired } from "@/lib/services/errors";
import { getReviewCase, type ReviewCase } from "@/lib/services/suitability/get-review-case";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import { QUIZ_POLICY } from "@/lib/suitability/constants";
import type { KnowledgeBasis } from "@/lib/suitability/derivative-knowledge";
import { ASSET_CLASS_LABELS, CATEGORY_LABELS, DOCUMENT_TYPE_LABELS, formatMinor, fractionPercent, type DraftOwnership } from "@/lib/suitability/draft";
import { safeDocumentName } from "@/lib/suitability/evidence-file";
import type { LineBreakdown, PiTestName } from "@/lib/suitability/pi-evaluator";
import type { QuizTopic } from "@/lib/suitability/quiz-bank";
import { DECISION_LABELS, STATUS_LABELS, statusTone } from "../review-labels";
import { DecisionForm } from "./decision-form";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Review" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ submissionId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Issue 7 pt 6 and pt 8: one onboarding submission as the client made it (evidence, evaluator result,
 * the quiz as shown and answered, the disclosure acknowledged), every hash re-checked, and the
 * officer's decision. A server component only: the quiz marking comes from the bank, which must never
 * reach a browser bundle.
 */
export default async function ReviewCasePage({ params, searchParams }: Props) {
  const ctx = await requirePermission("compliance.view");
  const { submissionId } = await params;
  let review: ReviewCase;
  try {
    review = await getReviewCase({ ctx, input: { submissionId } });
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  const { submission, client } = review;
  const record = submission.record;
  const recorded = (await searchParams).recorded;
  const mayDecide = can(ctx.actor.roles, "reviews.decide");
  const latest = review.history[0];

  return (
    <article className="stack">
      <div>
        <p>
          <Link href="/compliance/reviews">Reviews</Link>
        </p>
        <h1>
          Review: {client.name}, version {submission.version}
        </h1>
        <p className="lead">
          {client.email} · submitted {formatUtc(Date.parse(record.submittedAt))} · assessment date {record.assessmentDate} (Hong Kong)
        </p>
        {typeof recorded === "string" && recorded in STATUS_LABELS ? (
          <p className="alert alert--ok" role="status">
            Your decision is recorded; the case is now {STATUS_LABELS[recorded as keyof typeof STATUS_LABELS].toLowerCase()}.
          </p>
        ) : null}
        <div className={styles.status} data-testid="case-status">
          <strong>Case status:</strong>
          <span className={statusTone(review.status)}>{STATUS_LABELS[review.status]}</span>
          {review.statusReason ? <span>Reason given to the client: {review.statusReason}</span> : null}
        </div>
        {review.isLatest ? null : (
          <p className="alert alert--warn">
            This is an earlier submission, kept as history: a later one replaced it.
            {latest ? (
              <>
                {" "}
                <Link href={`/compliance/reviews/${latest.id}`}>Open version {latest.version}</Link>.
              </>
            ) : null}
          </p>
        )}
      </div>

      <div className={styles.columns}>
        <EvidenceColumn review={review} />
        <EvaluatorColumn record={record} />
        <QuizColumn review={review} />
      </div>

      <div className={styles.lower}>
        <section className="panel" aria-labelledby="integrity-heading">
          <h2 id="integrity-heading">Record integrity</h2>
          <dl className={styles.kv}>
            <dt>Record format</dt>
            <dd>
              <code>{record.format}</code>
            </dd>
            <dt>Record hash (SHA-256)</dt>
            <dd>
              <code className="hash">{submission.recordHash}</code> <Check ok={submission.hashVerified} yes="record matches its hash" no="RECORD CHANGED since it was hashed" />
            </dd>
            <dt>Previous version&apos;s hash</dt>
            <dd>
              {record.previousHash ? <code className="hash">{record.previousHash}</code> : <span>none: this is the client&apos;s first submission</span>}{" "}
              <Check ok={submission.chainVerified} yes="chain intact" no="CHAIN BROKEN: does not match the previous version" />
            </dd>
          </dl>
        </section>

        <section className="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">Submission history</h2>
          <ol className={styles.items} reversed>
            {review.history.map((entry) => (
              <li key={entry.id}>
                {entry.id === submission.id ? (
                  <strong aria-current="page">Version {entry.version} (this page)</strong>
                ) : (
                  <Link href={`/compliance/reviews/${entry.id}`}>Version {entry.version}</Link>
                )}{" "}
                · submitted {formatUtc(entry.submittedAt.getTime())} · evaluator {entry.evaluatorPassed ? "passed" : "failed"}
                <br />
                <code className="hash muted">{entry.recordHash}</code>
              </li>
            ))}
          </ol>
        </section>
      </div>

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews of this submission</h2>
        {review.reviews.length === 0 ? (
          <p>No officer has decided on this submission yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Reviews of this submission">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Officer</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Overrides the evaluator</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {review.reviews.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatUtc(entry.decidedAt.getTime())}</td>
                    <td>{entry.officerEmail}</td>
                    <td>{DECISION_LABELS[entry.decision]}</td>
                    <td>{entry.overridesEvaluator ? "Yes" : "No"}</td>
                    <td>{entry.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="decision-heading">
        <h2 id="decision-heading">Decision</h2>
        {review.blockedReason ? <p className="alert alert--warn">{review.blockedReason}</p> : null}
        {!mayDecide ? (
          <p>Your role can read onboarding reviews but not decide them; a compliance officer or responsible officer decides.</p>
        ) : review.allowed.length === 0 ? null : (
          <DecisionForm
            submissionId={submission.id}
            allowed={review.allowed}
            evaluatorPassed={record.evaluator.passed}
            stepUpFresh={stepUpIsFresh(ctx)}
            stepUpMinutes={STEP_UP_WINDOW_MS / 60_000}
          />
        )}
      </section>
    </article>
  );
}

// ---- Evidence ----

function EvidenceColumn({ review }: { review: ReviewCase }) {
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

// ---- Evaluator ----

const TEST_LABELS: Record<PiTestName, string> = { portfolio: "Portfolio test", total_assets: "Total-assets test", institutional: "Institutional basis" };
const BASIS_LABELS: Record<KnowledgeBasis, string> = { training: "training", work_experience: "work experience", trading_experience: "trading experience" };

function EvaluatorColumn({ record }: { record: SubmissionRecord }) {
  const { pi, knowledge, exposureCap: cap, evaluator, platformCourse } = record;
  return (
    <section className={styles.column} aria-labelledby="evaluator-heading">
      <h2 id="evaluator-heading">Evaluator result</h2>
      <dl className={styles.kv}>
        <dt>Overall</dt>
        <dd>
          <Check ok={evaluator.passed} yes="passed" no="failed" />
        </dd>
        <dt>Professional investor</dt>
        <dd>
          <Check ok={evaluator.piPassed} yes="pass" no="fail" />
        </dd>
        <dt>Derivative knowledge</dt>
        <dd>
          <Check ok={evaluator.knowledgePassed} yes="pass" no="fail" />
        </dd>
        <dt>Risk quiz</dt>
        <dd>
          <Check ok={evaluator.quizPassed} yes="pass" no="fail" />
        </dd>
      </dl>

      <h3>Professional investor (PI Rules)</h3>
      <dl className={styles.kv}>
        <dt>Category</dt>
        <dd>{CATEGORY_LABELS[pi.category]}</dd>
        <dt>Assessment date</dt>
        <dd>{pi.assessmentDate}</dd>
        <dt>Passed by</dt>
        <dd>{pi.passedTest ? TEST_LABELS[pi.passedTest] : "no test passed"}</dd>
      </dl>
      <ul className={styles.items} aria-label="Tests applied">
        {pi.tests.map((test) => (
          <li key={test.test}>
            <p className={styles.itemTitle}>
              {TEST_LABELS[test.test]} <Check ok={test.passed} yes="passed" no="not met" />
            </p>
            <dl className={styles.kv}>
              <dt>Rule</dt>
              <dd>{test.rule}</dd>
              {test.thresholdHkdCents !== null ? (
                <>
                  <dt>Threshold</dt>
                  <dd>≥ {hkd(test.thresholdHkdCents)} HKD</dd>
                </>
              ) : null}
              {test.amountHkdCents !== null ? (
                <>
                  <dt>Counted</dt>
                  <dd>{hkd(test.amountHkdCents)} HKD</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      <LineBreakdowns title="Portfolio lines" lines={pi.portfolioLines} total={pi.portfolioTotalHkdCents} />
      {pi.totalAssetsLines.length > 0 ? <LineBreakdowns title="Total-assets lines" lines={pi.totalAssetsLines} total={pi.totalAssetsHkdCents} /> : null}

      <h3>FX rates applied</h3>
      {record.fxRates.length === 0 ? (
        <p>None: every line is in HKD.</p>
      ) : (
        <ul className={styles.items}>
          {record.fxRates.map((rate) => (
            <li key={rate.currency}>
              1 {rate.currency} = {formatPpbDecimal(BigInt(String(rate.hkdPerUnitPpb)))} HKD, as of {rate.asOf} ({rate.source})
            </li>
          ))}
        </ul>
      )}

      <h3>Derivative knowledge (Code 5.1A)</h3>
      <dl className={styles.kv}>
        <dt>Result</dt>
        <dd>
          <Check ok={knowledge.hasKnowledge} yes="has knowledge" no="no knowledge shown" />
        </dd>
        <dt>Basis</dt>
        <dd>{knowledge.basis.length > 0 ? knowledge.basis.map((b) => BASIS_LABELS[b]).join(", ") : "none"}</dd>
        <dt>Training</dt>
        <dd>
          {knowledge.training.met ? "met" : "not met"}
          <Reasons reasons={knowledge.training.reasons} />
        </dd>
        <dt>Work experience</dt>
        <dd>
          {knowledge.workExperience.met ? "met" : "not met"}
          <Reasons reasons={knowledge.workExperience.reasons} />
        </dd>
        <dt>Trading</dt>
        <dd>
          {knowledge.trading.met ? "met" : "not met"}: {knowledge.trading.tradesInWindow} trade(s) on or after {knowledge.trading.windowStart}
          <Reasons reasons={knowledge.trading.reasons} />
        </dd>
      </dl>
      {knowledge.reasons.length > 0 ? <Reasons reasons={knowledge.reasons} /> : null}

      <h3>Platform course credit (SUIT-3)</h3>
      {platformCourse ? (
        <dl className={styles.kv}>
          <dt>Course version</dt>
          <dd>
            <code>{platformCourse.courseVersion}</code>
          </dd>
          <dt>Course hash</dt>
          <dd>
            <code className="hash">{platformCourse.courseHash}</code>
          </dd>
          <dt>Completed</dt>
          <dd>{platformCourse.completionDate}</dd>
          <dt>Course quiz attempt</dt>
          <dd>
            <code className="hash">{platformCourse.quizAttemptId}</code>
          </dd>
        </dl>
      ) : (
        <p>None: the client had not passed the platform course quiz when submitting.</p>
      )}

      <h3>Exposure cap (Code 5.3)</h3>
      <dl className={styles.kv}>
        <dt>Maximum initial margin</dt>
        <dd>{usd(cap.maxInitialMarginMicroUsd)} USD</dd>
        <dt>Bound by</dt>
        <dd>{cap.boundBy === "net_worth" ? "net worth" : "liquid assets"}</dd>
        <dt>Net worth</dt>
        <dd>
          {usd(cap.netWorthMicroUsd)} USD × {formatPpbPercentExact(BigInt(String(cap.netWorthFractionPpb)))}
        </dd>
        <dt>Liquid assets</dt>
        <dd>
          {usd(cap.liquidAssetsMicroUsd)} USD × {formatPpbPercentExact(BigInt(String(cap.liquidAssetsFractionPpb)))}
        </dd>
        <dt>USD rate</dt>
        <dd>
          1 USD = {formatPpbDecimal(BigInt(String(cap.usdRate.hkdPerUnitPpb)))} HKD, as of {cap.usdRate.asOf} ({cap.usdRate.source})
        </dd>
      </dl>
    </section>
  );
}

function LineBreakdowns({ title, lines, total }: { title: string; lines: LineBreakdown[]; total: bigint }) {
  return (
    <>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p>None.</p>
      ) : (
        <ol className={styles.items}>
          {lines.map((line) => (
            <li key={line.index}>
              <p className={styles.itemTitle}>
                {line.index + 1}. {line.description}
              </p>
              <dl className={styles.kv}>
                <dt>Value</dt>
                <dd>
                  {formatMinor(BigInt(String(line.valueMinor)), line.currency)} {line.currency}
                  {line.currency === "HKD" ? null : ` at ${formatPpbDecimal(BigInt(String(line.fxRate.hkdPerUnitPpb)))} HKD`}
                </dd>
                <dt>In HKD</dt>
                <dd>{hkd(line.hkdCents)} HKD</dd>
                <dt>Share</dt>
                <dd>{fractionPercent({ numerator: String(line.share.numerator), denominator: String(line.share.denominator) })}</dd>
                <dt>Counted</dt>
                <dd>{hkd(line.countedHkdCents)} HKD</dd>
                <dt>Evidence age</dt>
                <dd>{line.evidenceAgeDays} days</dd>
                {line.exclusionReasons.length > 0 ? (
                  <>
                    <dt>Excluded</dt>
                    <dd>
                      <Reasons reasons={line.exclusionReasons} />
                    </dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ol>
      )}
      <p>
        <strong>Total counted: {hkd(total)} HKD</strong>
      </p>
    </>
  );
}

// ---- Quiz and disclosure ----

const TOPIC_LABELS: Record<QuizTopic, string> = {
  funding: "Funding",
  leverage: "Leverage",
  liquidation: "Liquidation",
  insurance_fund: "Insurance fund",
  adl: "Auto-deleveraging",
  afmm_conflicts: "Affiliated market maker conflicts",
};

function QuizColumn({ review }: { review: ReviewCase }) {
  const { record, quizShown, disclosureVerified } = review.submission;
  const quiz = record.riskQuiz;
  return (
    <section className={styles.column} aria-labelledby="quiz-heading">
      <h2 id="quiz-heading">Quiz and disclosure</h2>
      <h3>Perps risk quiz</h3>
      <dl className={styles.kv}>
        <dt>Question bank</dt>
        <dd>
          <code>{quiz.presented.bankId}</code> version <code>{quiz.presented.version}</code>
        </dd>
        <dt>Bank hash</dt>
        <dd>
          <code className="hash">{quiz.presented.contentHash}</code>
        </dd>
        <dt>Attempt</dt>
        <dd>
          <code className="hash">{quiz.attemptId}</code> (draw seed {quiz.presented.seed})
        </dd>
        <dt>Started</dt>
        <dd>{formatUtc(Date.parse(quiz.startedAt))}</dd>
        <dt>Submitted</dt>
        <dd>{formatUtc(Date.parse(quiz.submittedAt))}</dd>
        <dt>Score</dt>
        <dd>
          {quiz.correct} of {quiz.total} correct{quiz.total > 0 ? ` (${Math.floor((quiz.correct * 100) / quiz.total)} %)` : ""}; pass mark {QUIZ_POLICY.PASS_MARK_PCT} %{" "}
          <Check ok={quiz.passed} yes="passed" no="failed" />
        </dd>
      </dl>

      <h3>Questions as the client saw them</h3>
      <ol className={styles.questions}>
        {quizShown.map(({ question, chosenOptionId, correct }) => (
          <li key={question.id}>
            <p className={styles.questionText}>
              <span className="muted">{TOPIC_LABELS[question.topic] ?? question.topic}:</span> {question.text}
            </p>
            <ol className={styles.options}>
              {question.options.map((option) => (
                <li key={option.id} className={option.id === chosenOptionId ? styles.chosen : undefined}>
                  {option.text}
                  {option.id === chosenOptionId ? (
                    <>
                      {" "}
                      <span className="visually-hidden">— </span>
                      <Check ok={correct} yes="client's answer, correct" no="client's answer, incorrect" />
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
            {chosenOptionId === "" ? <p className="pill pill--high">No answer recorded for this question</p> : null}
          </li>
        ))}
      </ol>

      <h3>Risk disclosure</h3>
      <dl className={styles.kv}>
        <dt>Version</dt>
        <dd>
          <code>{record.disclosure.versionId}</code>
        </dd>
        <dt>Content hash</dt>
        <dd>
          <code className="hash">{record.disclosure.contentHash}</code>{" "}
          <Check ok={disclosureVerified} yes="matches the published text" no="DOES NOT MATCH the text of that version" />
        </dd>
        <dt>Acknowledged</dt>
        <dd>{formatUtc(Date.parse(record.disclosure.acknowledgedAt))}</dd>
      </dl>
    </section>
  );
}

// ---- Helpers ----

/** A pass/fail mark in words (not colour alone). */
function Check({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return <span className={ok ? "pill pill--ok" : "pill pill--high"}>{ok ? yes : no}</span>;
}

function Reasons({ reasons }: { reasons: string[] }): ReactNode {
  if (reasons.length === 0) return null;
  return (
    <ul className={styles.reasons}>
      {reasons.map((reason, i) => (
        <li key={i}>{reason}</li>
      ))}
    </ul>
  );
}

function yesNo(value: boolean | null): string {
  return value === null ? "not answered" : value ? "Yes" : "No";
}

// The stored record is plain JSON: its bigint fields arrive as decimal strings whatever the type says.
function hkd(cents: bigint | string): string {
  return formatMinor(BigInt(String(cents)), "HKD");
}

function usd(micros: bigint | string): string {
  return formatUsdMicros(BigInt(String(micros)));
}

/** The same rule the decision verb enforces (requireStepUp), asked ahead so the page can offer the step-up first. */
function stepUpIsFresh(ctx: Parameters<typeof requireStepUp>[0]): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired) return false;
    throw error;
  }
}
