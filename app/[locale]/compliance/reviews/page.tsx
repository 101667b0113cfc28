import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableShell } from "@/components/ui/table-shell";
import { requirePermission } from "@/lib/transport/session";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { listExpiringStatuses, type ExpiringStatus } from "@/lib/services/suitability/list-expiring-statuses";
import { getReviewQueue, type QueueItem } from "@/lib/services/suitability/get-review-queue";
import { INVESTOR_CATEGORIES } from "@/lib/suitability/draft-fields";
import type { InvestorCategory } from "@/lib/suitability/pi-evaluator";
import { statusTone } from "./review-labels";
import { CircumstanceChanges } from "./circumstance-changes";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.reviews.queue");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/**
 * The compliance officer's queue of professional-investor onboarding applications.
 * Open cases come oldest first, so nothing waits unseen behind newer arrivals.
 */
export default async function ReviewsPage() {
  const t = await getTranslations("compliance.reviews.queue");
  const ctx = await requirePermission("compliance.view");
  const [{ open, decided }, expiring] = await Promise.all([getReviewQueue({ ctx }), listExpiringStatuses({ ctx })]);
  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>

      <section aria-labelledby="open-heading" className="stack">
        <h2 id="open-heading">{t("open.title")}</h2>
        {open.length === 0 ? <p>{t("open.none")}</p> : <QueueTable items={open} label={t("open.title")} open />}
      </section>

      <CircumstanceChanges ctx={ctx} />

      <section aria-labelledby="expiring-heading" className="stack">
        <h2 id="expiring-heading">{t("expiring.title")}</h2>
        <p>{t("expiring.lead")}</p>
        {expiring.length === 0 ? <p>{t("expiring.none")}</p> : <ExpiringTable items={expiring} />}
      </section>

      <section aria-labelledby="decided-heading" className="stack">
        <h2 id="decided-heading">{t("decided.title")}</h2>
        {decided.length === 0 ? <p>{t("decided.none")}</p> : <QueueTable items={decided} label={t("decided.title")} open={false} />}
      </section>
    </article>
  );
}

async function QueueTable({ items, label, open }: { items: QueueItem[]; label: string; open: boolean }) {
  const [t, categoryLabel] = await Promise.all([getTranslations("compliance.reviews"), getTranslations("labels.category")]);
  // The queue reads the category from stored JSON: anything not a known category is shown as stored.
  const category = (value: string) => ((INVESTOR_CATEGORIES as readonly string[]).includes(value) ? categoryLabel(value as InvestorCategory) : value);
  return (
    <TableShell caption={label}>
      <thead>
        <tr>
          <th scope="col">{t("queue.table.client")}</th>
          <th scope="col">{t("queue.table.category")}</th>
          <th scope="col">{t("queue.table.version")}</th>
          <th scope="col">{t("queue.table.submitted")}</th>
          <th scope="col">{t("queue.table.evaluator")}</th>
          <th scope="col">{t("queue.table.status")}</th>
          {open ? null : <th scope="col">{t("queue.table.decided")}</th>}
          <th scope="col">
            <span className="visually-hidden">{t("queue.table.openCase")}</span>
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
              <td>{category(item.category)}</td>
              <td>{item.version}</td>
              <td>{formatUtc(item.submittedAt.getTime())}</td>
              <td>
                <span className={item.evaluatorPassed ? "pill pill--ok" : "pill pill--high"}>
                  {item.evaluatorPassed ? t("queue.evaluator.passed") : t("queue.evaluator.failed")}
                </span>
                <br />
                <span className="muted">
                  {t("queue.evaluator.parts", { pi: String(item.piPassed), knowledge: String(item.knowledgePassed), quiz: String(item.quizPassed) })}
                </span>
              </td>
              <td>
                <span className={statusTone(item.status)}>{t(`status.${item.status}`)}</span>
              </td>
              {open ? null : <td>{formatUtc(item.statusChangedAt.getTime())}</td>}
              <td>
                <Link href={`/compliance/reviews/${item.submissionId}`} aria-describedby={nameId}>
                  {open ? t("queue.table.review") : t("queue.table.viewRecord")}
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableShell>
  );
}

/** Reminder notices by their audit kind; a kind not listed shows as it is. */
const NOTICE_KEYS = {
  "pi.expiry_reminder_60d": "days60",
  "pi.expiry_reminder_30d": "days30",
  "pi.expiry_reminder_7d": "days7",
  "pi.expired": "expired",
} as const;

async function ExpiringTable({ items }: { items: ExpiringStatus[] }) {
  const t = await getTranslations("compliance.reviews.queue.expiring");
  const notice = (kind: string) => (kind in NOTICE_KEYS ? t(`notice.${NOTICE_KEYS[kind as keyof typeof NOTICE_KEYS]}`) : kind);
  return (
    <TableShell caption={t("caption")}>
      <thead>
        <tr>
          <th scope="col">{t("table.client")}</th>
          <th scope="col">{t("table.expires")}</th>
          <th scope="col" className="num">
            {t("table.daysLeft")}
          </th>
          <th scope="col">{t("table.noticesSent")}</th>
          <th scope="col">{t("table.renewal")}</th>
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
            <td className="num">{item.daysLeft < 0 ? <span className="pill pill--high">{t("expired")}</span> : item.daysLeft}</td>
            <td>{item.noticesSent.length === 0 ? <span className="muted">{t("noneYet")}</span> : item.noticesSent.map((n) => notice(n.kind)).join(", ")}</td>
            <td>{item.renewalPending ? t("withAnOfficer") : <span className="muted">{t("notSubmitted")}</span>}</td>
          </tr>
        ))}
      </tbody>
    </TableShell>
  );
}
