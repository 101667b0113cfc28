import { useTranslations } from "next-intl";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import type { ReviewCase } from "@/lib/services/suitability/get-review-case";
import styles from "./page.module.css";
import { Check } from "./review-marks";

/** Whether the stored record still matches its hash and its chain, and every version the client submitted. */
export function IntegrityAndHistory({ review }: { review: ReviewCase }) {
  const { submission } = review;
  const record = submission.record;
  const t = useTranslations("compliance.reviews.integrity");
  return (
    <div className={styles.lower}>
      <section className="panel" aria-labelledby="integrity-heading">
        <h2 id="integrity-heading">{t("title")}</h2>
        <dl className={styles.kv}>
          <dt>{t("format")}</dt>
          <dd>
            <code>{record.format}</code>
          </dd>
          <dt>{t("hash")}</dt>
          <dd>
            <code className="hash">{submission.recordHash}</code> <Check ok={submission.hashVerified} yes={t("hashMatches")} no={t("hashChanged")} />
          </dd>
          <dt>{t("previousHash")}</dt>
          <dd>
            {record.previousHash ? <code className="hash">{record.previousHash}</code> : <span>{t("firstSubmission")}</span>}{" "}
            <Check ok={submission.chainVerified} yes={t("chainIntact")} no={t("chainBroken")} />
          </dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("historyTitle")}</h2>
        <ol className={styles.items} reversed>
          {review.history.map((entry) => (
            <li key={entry.id}>
              {entry.id === submission.id ? (
                <strong aria-current="page">{t("thisVersion", { version: String(entry.version) })}</strong>
              ) : (
                <Link href={`/compliance/reviews/${entry.id}`}>{t("version", { version: String(entry.version) })}</Link>
              )}{" "}
              {t("versionDetails", { submittedAt: formatUtc(entry.submittedAt.getTime()), evaluator: entry.evaluatorPassed ? "passed" : "failed" })}
              <br />
              <code className="hash muted">{entry.recordHash}</code>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
