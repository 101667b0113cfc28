import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { formatUtc } from "@/lib/format";
import { listExpiringStatuses, type ExpiringStatus } from "@/lib/services/suitability/list-expiring-statuses";
import { getReviewQueue, type QueueItem } from "@/lib/services/suitability/get-review-queue";
import { CATEGORY_LABELS } from "@/lib/suitability/draft";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { STATUS_LABELS, statusTone } from "./review-labels";

export const metadata: Metadata = { title: "Reviews" };
export const dynamic = "force-dynamic";

/**
 * Issue 7 pt 6: the compliance officer's queue of professional-investor onboarding applications.
 * Open cases come oldest first, so nothing waits unseen behind newer arrivals.
 */
export default async function ReviewsPage() {
  const ctx = await requirePermission("compliance.view");
  const [{ open, decided }, expiring] = await Promise.all([getReviewQueue({ ctx }), listExpiringStatuses({ ctx })]);
  return (
    <article className="stack">
      <div className="section-page">
        <h1>Reviews</h1>
        <p className="lead">
          Professional-investor onboarding applications waiting for a compliance officer, and the latest decisions. Each case shows the
          evidence, the evaluator&apos;s result and the quiz record side by side; a decision needs a reason, which the client sees, and
          approving against the evaluator needs a second officer. Onboarding is the only review queue so far.
        </p>
      </div>

      <section aria-labelledby="open-heading" className="stack">
        <h2 id="open-heading">Waiting for a decision</h2>
        {open.length === 0 ? (
          <p>No applications are waiting for a decision.</p>
        ) : (
          <QueueTable items={open} label="Waiting for a decision" open />
        )}
      </section>

      <section aria-labelledby="expiring-heading" className="stack">
        <h2 id="expiring-heading">Professional-investor status expiring</h2>
        <p>
          Verified status lasts a year (PI-8). Clients are reminded 60, 30 and 7 days before it expires and told when it has; after expiry they may
          only reduce positions until a renewal is approved. Listed: expiring within 60 days or expired within the last 30.
        </p>
        {expiring.length === 0 ? <p>No client&apos;s status expires within 60 days.</p> : <ExpiringTable items={expiring} />}
      </section>

      <section aria-labelledby="decided-heading" className="stack">
        <h2 id="decided-heading">Recently decided</h2>
        {decided.length === 0 ? (
          <p>No application has been decided yet.</p>
        ) : (
          <QueueTable items={decided} label="Recently decided" open={false} />
        )}
      </section>
    </article>
  );
}

function QueueTable({ items, label, open }: { items: QueueItem[]; label: string; open: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Category</th>
            <th scope="col">Version</th>
            <th scope="col">Submitted</th>
            <th scope="col">Evaluator</th>
            <th scope="col">Status</th>
            {open ? null : <th scope="col">Decided</th>}
            <th scope="col">
              <span className="visually-hidden">Open the case</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const nameId = `${open ? "open" : "decided"}-${item.submissionId}`;
            return (
              <tr key={item.submissionId}>
                <td id={nameId}>
                  {item.clientName}
                  <br />
                  <span className="muted">{item.clientEmail}</span>
                </td>
                <td>{CATEGORY_LABELS[item.category as InvestorCategory] ?? item.category}</td>
                <td>{item.version}</td>
                <td>{formatUtc(item.submittedAt.getTime())}</td>
                <td>
                  <EvaluatorSummary item={item} />
                </td>
                <td>
                  <span className={statusTone(item.status)}>{STATUS_LABELS[item.status]}</span>
                </td>
                {open ? null : <td>{formatUtc(item.statusChangedAt.getTime())}</td>}
                <td>
                  <Link href={`/compliance/reviews/${item.submissionId}`} aria-describedby={nameId}>
                    {open ? "Review" : "View record"}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function EvaluatorSummary({ item }: { item: QueueItem }) {
  const mark = (passed: boolean) => (passed ? "pass" : "fail");
  return (
    <>
      <span className={item.evaluatorPassed ? "pill pill--ok" : "pill pill--high"}>{item.evaluatorPassed ? "Passed" : "Failed"}</span>
      <br />
      <span className="muted">
        PI {mark(item.piPassed)} · knowledge {mark(item.knowledgePassed)} · quiz {mark(item.quizPassed)}
      </span>
    </>
  );
}

const NOTICE_LABELS: Record<string, string> = {
  "pi.expiry_reminder_60d": "60 days",
  "pi.expiry_reminder_30d": "30 days",
  "pi.expiry_reminder_7d": "7 days",
  "pi.expired": "expired",
};

function ExpiringTable({ items }: { items: ExpiringStatus[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Professional-investor status expiring, soonest first</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Expires</th>
            <th scope="col" className="num">
              Days left
            </th>
            <th scope="col">Notices sent</th>
            <th scope="col">Renewal</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.userId}>
              <td>
                {item.clientName}
                <br />
                <span className="muted">{item.clientEmail}</span>
              </td>
              <td className="nowrap">{formatUtc(item.expiresAt.getTime())}</td>
              <td className="num">{item.daysLeft < 0 ? <span className="pill pill--high">expired</span> : item.daysLeft}</td>
              <td>{item.noticesSent.length === 0 ? <span className="muted">none yet</span> : item.noticesSent.map((n) => NOTICE_LABELS[n.kind] ?? n.kind).join(", ")}</td>
              <td>{item.renewalPending ? "With an officer" : <span className="muted">not submitted</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
