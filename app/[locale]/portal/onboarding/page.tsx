import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { formatUtc } from "@/lib/format";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import type { OnboardingView } from "@/lib/services/suitability/onboarding-view";
import { listClientNotices } from "@/lib/services/suitability/list-client-notices";
import type { ReadinessItem } from "@/lib/services/suitability/submission";
import styles from "./onboarding.module.css";
import { PerpsAccessPanel } from "../perps-access-panel";
import { STATUS_LABEL } from "./status-text";
import { SubmitForm } from "./submit-form";

export const metadata: Metadata = { title: "Onboarding" };
export const dynamic = "force-dynamic";

const STEPS: Record<ReadinessItem["step"], { label: string; href: string }> = {
  category: { label: "Investor category", href: "/portal/onboarding/evidence#category" },
  evidence: { label: "Evidence of professional-investor status", href: "/portal/onboarding/evidence" },
  knowledge: { label: "Derivative knowledge", href: "/portal/onboarding/knowledge" },
  net_worth: { label: "Net worth and liquid assets", href: "/portal/onboarding/net-worth" },
  risk_quiz: { label: "Perps risk quiz", href: "/portal/onboarding/quiz" },
  disclosures: { label: "Risk disclosure", href: "/portal/onboarding/risk-disclosures" },
};

const DECISION_LABEL: Record<string, string> = {
  APPROVE: "Approved",
  REJECT: "Not approved",
  REQUEST_INFO: "More information requested",
  CONFIRM_OVERRIDE: "Approval confirmed by a second officer",
};

/**
 * The onboarding wizard's overview (issue 7 pt 1, 6): where the application stands and why, what the
 * client may trade, what is left to do, the submission itself and its history, and the client's notices.
 */
export default async function OnboardingPage() {
  const ctx = await requirePermission("portal.view");
  const [view, notices] = await Promise.all([getOnboarding({ ctx }), listClientNotices({ ctx })]);
  const done = view.ready.filter((item) => item.ok).length;
  return (
    <article className="stack">
      <div className="prose">
        <h1>Onboarding</h1>
        <p className="lead">
          Perpetual contracts are offered to professional investors only. Show your professional-investor status and your knowledge of derivatives, give your net
          worth, pass the risk quiz and acknowledge the risk disclosure; then submit your application. A compliance officer reviews it and decides.
        </p>
      </div>

      <StatusBanner view={view} />
      <PerpsAccessPanel entitlement={view.entitlement} title="Trading perpetual contracts" />

      <section className="panel" aria-labelledby="checklist">
        <h2 id="checklist">Your application</h2>
        <p>
          {done} of {view.ready.length} steps complete. The evaluation of what you entered is a preview, made again each time you open a page, as of{" "}
          {view.assessmentDate} (Hong Kong date).
        </p>
        <ol className={styles.checklist}>
          {view.ready.map((item) => (
            <li key={item.step}>
              <span className={item.ok ? "pill pill--ok" : "pill pill--warn"}>{item.ok ? "Done" : "To do"}</span>{" "}
              <Link href={STEPS[item.step].href}>{STEPS[item.step].label}</Link>
              <span className={styles.stepMessage}>{item.message}</span>
            </li>
          ))}
        </ol>
        <p className="field__hint">
          Optional: the platform&apos;s <Link href="/portal/onboarding/course">perpetual-contracts course</Link>, with its end quiz passed, counts as training on
          derivatives (Code of Conduct 5.1A).
        </p>
      </section>

      <section className="panel" aria-labelledby="submit">
        <h2 id="submit">Submit for review</h2>
        <SubmitForm canSubmit={view.canSubmit} blockedReason={blockedReason(view)} />
      </section>

      <section aria-labelledby="history">
        <h2 id="history">Your submissions</h2>
        {view.submissions.length === 0 ? (
          <p>You have not submitted an application yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Your submissions, newest first, with the compliance decisions on each</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Record hash (SHA-256, first 12)</th>
                  <th scope="col">Automatic evaluation</th>
                  <th scope="col">Decisions</th>
                </tr>
              </thead>
              <tbody>
                {view.submissions.map((submission) => (
                  <tr key={submission.id}>
                    <td className="num">{submission.version}</td>
                    <td className="nowrap">{formatUtc(submission.submittedAt.getTime())}</td>
                    <td className="nowrap">
                      <code title={submission.recordHash}>{submission.recordHash.slice(0, 12)}</code>
                    </td>
                    <td>{submission.evaluatorPassed ? "All tests met" : "Not all tests met"}</td>
                    <td>
                      {submission.decisions.length === 0 ? (
                        <span className="muted">No decision yet</span>
                      ) : (
                        <ul className={styles.plainList}>
                          {submission.decisions.map((decision) => (
                            <li key={`${decision.decidedAt.getTime()}-${decision.decision}`}>
                              <strong>{DECISION_LABEL[decision.decision] ?? decision.decision}</strong> at {formatUtc(decision.decidedAt.getTime())}: {decision.reason}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="notices">
        <h2 id="notices">Notices</h2>
        {notices.length === 0 ? (
          <p>No notices. Reminders before your professional-investor status expires will appear here.</p>
        ) : (
          <ul className={styles.notices}>
            {notices.map((notice) => (
              <li key={notice.id} className="panel">
                <p>
                  <strong>{notice.title}</strong> <span className="muted">{formatUtc(notice.createdAt.getTime())}</span>
                </p>
                <p>{notice.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function StatusBanner({ view }: { view: OnboardingView }) {
  const { status, statusReason, statusChangedAt } = view;
  const tone = status === "APPROVED" ? "alert--ok" : status === "REJECTED" || status === "INFO_REQUESTED" ? "alert--warn" : "";
  const changedAt = statusChangedAt && status !== "DRAFT" ? formatUtc(statusChangedAt.getTime()) : null;
  const since = changedAt ? ` since ${changedAt}` : "";
  const on = changedAt ? ` on ${changedAt}` : "";
  return (
    <section className={`alert ${tone}`} data-testid="onboarding-status" aria-labelledby="status-heading">
      <h2 id="status-heading" className={styles.bannerTitle}>
        Status: {STATUS_LABEL[status]}
      </h2>
      <p>
        {status === "DRAFT" && "You have not submitted your application yet. Complete the steps below, then submit it."}
        {(status === "SUBMITTED" || status === "PENDING_SECOND_APPROVAL") &&
          `Your application is with a compliance officer${since}. It cannot be changed while they review it; if they need more information they will ask.`}
        {status === "INFO_REQUESTED" && `A compliance officer asked for more information${on}. Change your application as asked, then submit it again.`}
        {status === "REJECTED" && `A compliance officer did not approve your application${on}. You may change it and submit it again.`}
        {status === "APPROVED" && `A compliance officer approved your application${on}.`}
      </p>
      {statusReason ? (
        <p>
          <strong>The officer&apos;s reason:</strong> {statusReason}
        </p>
      ) : null}
    </section>
  );
}

function blockedReason(view: OnboardingView): string | null {
  if (view.canSubmit) return null;
  if (view.status === "SUBMITTED" || view.status === "PENDING_SECOND_APPROVAL") return "Your application is already with a compliance officer.";
  const missing = view.ready.filter((item) => !item.ok);
  if (missing.length > 0) return `You can submit once every step above is done. Still to do: ${missing.map((item) => STEPS[item.step].label).join(", ")}.`;
  return "Your application cannot be submitted now.";
}
