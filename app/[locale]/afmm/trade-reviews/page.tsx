import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { listReviews, type ReviewQueueRow } from "@/lib/services/afmm/list-reviews";
import { REVIEW_LIST_MAX, type ListReviewsInput } from "@/lib/services/afmm/review-schemas";
import { ServiceError } from "@/lib/services/errors";
import { REVIEW_STATUSES } from "@/lib/surveillance/review-policy";
import { SURVEILLANCE_RULES } from "@/lib/surveillance/types";
import { requirePermission } from "@/lib/transport/session";
import { ageParts, isReviewStatus, isRule, isSeverity, SLA_TONE, STATUS_TONE } from "./labels";
import { ReplayForm } from "./replay-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("afmmReviews.queue");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined): string | undefined => (typeof value === "string" && value !== "" ? value.slice(0, 64) : undefined);

/**
 * AFMM-8: the Responsible Officer's review queue — surveillance alerts and sampled AFMM trades, earliest
 * deadline first, with their age and deadline standing — and the replay of a past window of the journal.
 */
export default async function TradeReviewsPage({ searchParams }: Props) {
  const ctx = await requirePermission("afmm.oversight.view");
  const t = await getTranslations("afmmReviews");
  const params = await searchParams;
  const raw = {
    status: one(params.status),
    kind: one(params.kind),
    rule: one(params.rule),
    market: one(params.market)?.toUpperCase(),
    assignee: one(params.assignee) === "me" ? ctx.actor.userId : one(params.assignee),
    overdue: one(params.overdue) === "1" ? true : undefined,
  };
  let rows: ReviewQueueRow[] = [];
  let filterError: string | null = null;
  try {
    rows = await listReviews({ ctx, input: raw as ListReviewsInput });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    filterError = error.message;
    rows = await listReviews({ ctx });
  }
  const nowMs = ctx.now().getTime();
  const hour = 3_600_000;
  const replayTo = new Date(Math.floor(nowMs / hour) * hour);
  const replayFrom = new Date(replayTo.getTime() - hour);
  const local = (d: Date) => d.toISOString().slice(0, 19);

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("queue.title")}</h1>
        <p className="lead">{t("queue.lead")}</p>
      </div>

      <form className="filters" method="get" aria-label={t("queue.filters.title")}>
        <Field id="status" label={t("queue.filters.status")}>
          <select id="status" name="status" defaultValue={raw.status ?? ""}>
            <option value="">{t("queue.filters.any")}</option>
            <option value="unclosed">{t("queue.filters.unclosed")}</option>
            {REVIEW_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="kind" label={t("queue.filters.kind")}>
          <select id="kind" name="kind" defaultValue={raw.kind ?? ""}>
            <option value="">{t("queue.filters.any")}</option>
            <option value="alert">{t("kind.alert")}</option>
            <option value="sample">{t("kind.sample")}</option>
          </select>
        </Field>
        <Field id="rule" label={t("queue.filters.rule")}>
          <select id="rule" name="rule" defaultValue={raw.rule ?? ""}>
            <option value="">{t("queue.filters.any")}</option>
            {SURVEILLANCE_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {t(`rules.${rule}.name`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="market" label={t("queue.filters.market")}>
          <input id="market" name="market" type="text" maxLength={32} defaultValue={raw.market ?? ""} />
        </Field>
        <Field id="assignee" label={t("queue.filters.assignee")}>
          <select id="assignee" name="assignee" defaultValue={one(params.assignee) === "me" || one(params.assignee) === "none" ? one(params.assignee) : ""}>
            <option value="">{t("queue.filters.any")}</option>
            <option value="me">{t("queue.filters.me")}</option>
            <option value="none">{t("queue.filters.unassigned")}</option>
          </select>
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={raw.overdue === true} /> {t("queue.filters.overdue")}
          </label>
        </div>
        <p>
          <button type="submit" className="button">
            {t("queue.filters.apply")}
          </button>{" "}
          <Link href="/afmm/trade-reviews">{t("queue.filters.clear")}</Link>
        </p>
      </form>

      {filterError ? <Alert tone="error">{filterError}</Alert> : null}

      {rows.length === 0 ? (
        <p>{t("queue.none")}</p>
      ) : (
        <>
          <p className="muted">{t("queue.showing", { max: REVIEW_LIST_MAX })}</p>
          <TableShell caption={t("queue.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("queue.columns.kind")}</th>
                <th scope="col">{t("queue.columns.rule")}</th>
                <th scope="col">{t("queue.columns.market")}</th>
                <th scope="col">{t("queue.columns.severity")}</th>
                <th scope="col">{t("queue.columns.opened")}</th>
                <th scope="col">{t("queue.columns.due")}</th>
                <th scope="col">{t("queue.columns.age")}</th>
                <th scope="col">{t("queue.columns.sla")}</th>
                <th scope="col">{t("queue.columns.assignee")}</th>
                <th scope="col">{t("queue.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link href={`/afmm/trade-reviews/${row.id}`}>{t(`kind.${row.kind}`)}</Link>
                  </td>
                  <td>{isRule(row.rule) ? t(`rules.${row.rule}.name`) : (row.rule ?? "—")}</td>
                  <td>{row.market}</td>
                  <td>{isSeverity(row.severity) ? t(`severity.${row.severity}`) : "—"}</td>
                  <td className="nowrap">{formatUtc(row.openedAt.getTime())}</td>
                  <td className="nowrap">{formatUtc(row.dueAt.getTime())}</td>
                  <td className="nowrap">{t("age", ageParts(row.ageMs))}</td>
                  <td>
                    <span className={SLA_TONE[row.sla]}>{t(`sla.${row.sla}`)}</span>
                  </td>
                  <td>{row.assignee ? row.assignee.name : <span className="muted">{t("queue.unassigned")}</span>}</td>
                  <td>{isReviewStatus(row.status) ? <span className={STATUS_TONE[row.status]}>{t(`status.${row.status}`)}</span> : row.status}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        </>
      )}

      {can(ctx.actor.roles, "afmm.surveillance.replay") ? (
        <section className="panel stack" aria-labelledby="replay-heading">
          <h2 id="replay-heading">{t("replay.title")}</h2>
          <p>{t("replay.lead")}</p>
          <ReplayForm defaultFrom={local(replayFrom)} defaultTo={local(replayTo)} />
        </section>
      ) : null}
    </article>
  );
}
