import Link from "next/link";
import { formatUtc } from "@/lib/format";
import type { ReviewCase } from "@/lib/services/suitability/review";
import styles from "./page.module.css";
import { Check } from "./review-marks";

/** Whether the stored record still matches its hash and its chain, and every version the client submitted. */
export function IntegrityAndHistory({ review }: { review: ReviewCase }) {
  const { submission } = review;
  const record = submission.record;
  return (
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
  );
}
