import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { isHoldScope, RETENTION_POLICY } from "@/lib/retention/policy";
import { hasFreshStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { getRetentionOverview, MAX_REASON_CHARS } from "@/lib/services/retention/retention";
import { requirePermission } from "@/lib/transport/session";
import { RecordLocationFacts } from "../record-location";
import { PlaceHoldForm, ReleaseHoldForm } from "./hold-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.retention");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/**
 * REC-2, REC-5, REC-7, CMP-1: the retention policy with its counts (clients, or complaints and enquiries
 * for their class), where the records are kept, and the legal holds.
 */
export default async function RetentionPage() {
  const ctx = await requirePermission("compliance.view");
  const t = await getTranslations("compliance.retention");
  const format = await getFormatter();
  const overview = await getRetentionOverview({ ctx });
  const stepUpFresh = hasFreshStepUp(ctx);
  const stepUpHref = "/step-up?next=/compliance/retention";
  const canManage = can(ctx.actor.roles, "retention.manage");
  const scopeLabel = (scope: string) => (isHoldScope(scope) ? t(`classes.${scope}`) : scope);
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <RecordLocationFacts />

      <section aria-labelledby="retention-policy">
        <h2 id="retention-policy">{t("policy.heading")}</h2>
        <div className="table-wrap">
          <table className="data-table" data-testid="retention-policy">
            <caption className="visually-hidden">{t("policy.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("policy.columns.recordClass")}</th>
                <th scope="col">{t("policy.columns.period")}</th>
                <th scope="col">{t("policy.columns.personalData")}</th>
                <th scope="col" className="num">
                  {t("policy.columns.past")}
                </th>
                <th scope="col" className="num">
                  {t("policy.columns.held")}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.classes.map((row) => (
                <tr key={row.recordClass} data-record-class={row.recordClass}>
                  <th scope="row">{t(`classes.${row.recordClass}`)}</th>
                  <td>{t("policy.years", { years: row.years, from: t(`policy.from.${row.from}`) })}</td>
                  {/* The policy lists the fields (policy.ts); readers get them in words, one sentence per class. */}
                  <td>{t(`policy.personalData.${row.recordClass}`)}</td>
                  <td className="num">{t(`policy.counts.${row.counts}`, { count: row.pastRetention })}</td>
                  <td className="num">{t(`policy.counts.${row.counts}`, { count: row.held })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t("policy.note")}</p>
        <p>{t("policy.complaintsNote", { years: RETENTION_POLICY.complaints.years })}</p>
      </section>

      <section aria-labelledby="retention-holds">
        <h2 id="retention-holds">{t("holds.heading")}</h2>
        {overview.holds.length === 0 ? (
          <p data-testid="legal-holds-empty">{t("holds.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="legal-holds">
              <caption className="visually-hidden">{t("holds.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("holds.columns.subject")}</th>
                  <th scope="col">{t("holds.columns.recordClass")}</th>
                  <th scope="col">{t("holds.columns.reason")}</th>
                  <th scope="col">{t("holds.columns.placed")}</th>
                  {canManage && stepUpFresh ? <th scope="col">{t("holds.columns.action")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {overview.holds.map((hold) => (
                  <tr key={hold.id} data-hold-id={hold.id}>
                    <td>
                      {hold.subjectUserId ??
                        hold.subjectComplaintReference ??
                        t(hold.recordClass === "complaints" ? "holds.everyComplaint" : "holds.everyClient")}
                    </td>
                    <td>{scopeLabel(hold.recordClass)}</td>
                    <td>{hold.reason}</td>
                    <td>
                      {format.dateTime(new Date(hold.placedAtMs), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Hong_Kong" })}
                      <div className="muted">{hold.placedBy}</div>
                    </td>
                    {canManage && stepUpFresh ? (
                      <td>
                        <ReleaseHoldForm id={hold.id} label={`${t("holds.release")}: ${hold.reason.slice(0, 60)}`} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="retention-place">
        <h2 id="retention-place">{t("place.heading")}</h2>
        {!canManage ? (
          <p>{t("noPermission")}</p>
        ) : stepUpFresh ? (
          <PlaceHoldForm stepUpHref={stepUpHref} maxReasonChars={MAX_REASON_CHARS} />
        ) : (
          <>
            <p>{t("stepUpLead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}</p>
            <p>
              <Link href={stepUpHref} className="button">
                {t("stepUpFirst")}
              </Link>
            </p>
          </>
        )}
      </section>
    </article>
  );
}
