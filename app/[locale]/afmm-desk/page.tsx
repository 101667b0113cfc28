import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { formatLots, formatTicks, formatUtc } from "@/lib/format";
import { getDeskView } from "@/lib/services/afmm-desk/get-desk-view";
import { listDeskAlerts } from "@/lib/services/afmm-desk/list-desk-alerts";
import { listMyPolicies } from "@/lib/services/conflicts/list-my-policies";
import { formatHkTime } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";
import { MyPolicies } from "../afmm/conflicts/my-policies";

const DECISIONS = ["NO_ISSUE", "ESCALATE", "BREACH"] as const;
const REVIEW_STATUSES = ["open", "in_review", "escalated", "closed"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.afmmDesk");
  return { title: t("title") };
}

/** AFMM-7: the market maker's own desk. Everything here is its own; nothing names another participant. */
export default async function AfmmDeskPage() {
  const ctx = await requirePermission("afmm.own_account.read");
  const t = await getTranslations("oversight.afmmDesk");
  // Rule and severity names as the oversight side reads them: one wording for both sides of the barrier.
  const rules = await getTranslations("afmmReviews");
  const [view, alerts, policies] = await Promise.all([getDeskView({ ctx }), listDeskAlerts({ ctx }), listMyPolicies({ ctx })]);
  const spec = new Map(view.markets.map((market) => [market.symbol, market]));
  const price = (market: string, ticks: number) => {
    const found = spec.get(market);
    return found ? formatTicks(ticks, found.tickSize) : String(ticks);
  };
  const label = <K extends string>(known: readonly K[], group: "decision" | "reviewStatus", value: string) =>
    (known as readonly string[]).includes(value) ? t(`${group}.${value as K}` as Parameters<typeof t>[0]) : value.toLowerCase();
  const lots = (market: string, size: number) => {
    const found = spec.get(market);
    return found ? formatLots(size, found.lotSize) : String(size);
  };

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <p className="muted">{t("accounts", { count: view.accounts.length, ids: view.accounts.join(", ") })}</p>
      </div>
      {view.engineAvailable ? null : <Alert tone="warn">{t("engineUnavailable")}</Alert>}

      <section className="stack">
        <h2>{t("quotesTitle")}</h2>
        {view.quotes.length === 0 ? (
          <p className="muted">{t("quotesNone")}</p>
        ) : (
          <TableShell caption={t("quotesTitle")}>
            <thead>
              <tr>
                <th scope="col">{t("table.market")}</th>
                <th scope="col">{t("table.account")}</th>
                <th scope="col">{t("table.order")}</th>
                <th scope="col">{t("table.side")}</th>
                <th scope="col">{t("table.price")}</th>
                <th scope="col">{t("table.remaining")}</th>
              </tr>
            </thead>
            <tbody>
              {view.quotes.map((quote) => (
                <tr key={quote.orderId} data-testid="desk-quote">
                  <td>{quote.market}</td>
                  <td>{quote.accountId}</td>
                  <td>{quote.orderId}</td>
                  <td>{t(`side.${quote.side}`)}</td>
                  <td>{price(quote.market, quote.price)}</td>
                  <td>{lots(quote.market, quote.remaining)}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>

      <section className="stack">
        <h2>{t("fillsTitle")}</h2>
        <p className="muted">{t("fillsLead")}</p>
        {view.fills.length === 0 ? (
          <p className="muted">{t("fillsNone")}</p>
        ) : (
          <TableShell caption={t("fillsTitle")}>
            <thead>
              <tr>
                <th scope="col">{t("table.time")}</th>
                <th scope="col">{t("table.market")}</th>
                <th scope="col">{t("table.side")}</th>
                <th scope="col">{t("table.role")}</th>
                <th scope="col">{t("table.price")}</th>
                <th scope="col">{t("table.size")}</th>
                <th scope="col">{t("table.counterparty")}</th>
              </tr>
            </thead>
            <tbody>
              {view.fills.map((fill) => (
                <tr key={fill.seq} data-testid="desk-fill">
                  <td>{formatUtc(fill.atMs)}</td>
                  <td>{fill.market}</td>
                  <td>{t(`side.${fill.side}`)}</td>
                  <td>{t(`role.${fill.role}`)}</td>
                  <td>{price(fill.market, fill.price)}</td>
                  <td>{lots(fill.market, fill.size)}</td>
                  <td>{t(`counterparty.${fill.counterparty}`)}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>

      <section className="stack">
        <h2>{t("obligationsTitle")}</h2>
        {view.obligations.length === 0 ? (
          <p className="muted">{t("obligationsNone")}</p>
        ) : (
          <TableShell caption={t("obligationsTitle")}>
            <thead>
              <tr>
                <th scope="col">{t("table.market")}</th>
                <th scope="col">{t("table.maxSpread")}</th>
                <th scope="col">{t("table.minSize")}</th>
                <th scope="col">{t("table.minTime")}</th>
              </tr>
            </thead>
            <tbody>
              {view.obligations.map((row) => (
                <tr key={row.market}>
                  <td>{row.market}</td>
                  <td>{row.maxSpreadBps}</td>
                  <td>{row.minSizeLots}</td>
                  <td>{row.minTimeOnBookPct}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>

      <section className="stack">
        <h2>{t("alertsTitle")}</h2>
        <p className="muted">{t("alertsLead")}</p>
        {alerts.length === 0 ? <p className="muted">{t("alertsNone")}</p> : null}
        {alerts.map((alert) => (
          <section key={alert.id} className="card stack" data-testid="desk-alert">
            <h3>
              {t("alert.heading", {
                rule: rules(`rules.${alert.rule}.name` as Parameters<typeof rules>[0]),
                market: alert.market,
                severity: rules(`severity.${alert.severity}` as Parameters<typeof rules>[0]),
              })}
            </h3>
            <p>{t("alert.raised", { time: formatUtc(alert.triggerAtMs) })}</p>
            <p>
              {alert.reviewStatus === null
                ? t("alert.notReviewed")
                : alert.decision && alert.closedAt
                  ? t("alert.outcome", { decision: label(DECISIONS, "decision", alert.decision), when: formatHkTime(new Date(alert.closedAt)) })
                  : t("alert.review", { status: label(REVIEW_STATUSES, "reviewStatus", alert.reviewStatus) })}
            </p>
            {Object.keys(alert.metrics).length > 0 ? (
              <>
                <h4>{t("alert.figures")}</h4>
                <dl className="facts">
                  {Object.entries(alert.metrics).map(([key, value]) => (
                    <div key={key}>
                      <dt>{key}</dt>
                      <dd>{String(value)}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : null}
            {alert.book ? (
              <p className="muted">
                {t("alert.book", {
                  bid: price(alert.market, alert.book.bestBid),
                  ask: price(alert.market, alert.book.bestAsk),
                  mark: price(alert.market, alert.book.mark),
                  index: price(alert.market, alert.book.index),
                })}
              </p>
            ) : null}
            {alert.orders.length > 0 ? (
              <TableShell caption={t("alert.ownOrders")} visibleCaption>
                <thead>
                  <tr>
                    <th scope="col">{t("table.order")}</th>
                    <th scope="col">{t("table.account")}</th>
                    <th scope="col">{t("table.side")}</th>
                    <th scope="col">{t("table.price")}</th>
                    <th scope="col">{t("table.size")}</th>
                    <th scope="col">{t("table.time")}</th>
                  </tr>
                </thead>
                <tbody>
                  {alert.orders.map((order) => (
                    <tr key={order.orderId}>
                      <td>{order.orderId}</td>
                      <td>{order.accountId}</td>
                      <td>{t(`side.${order.side}`)}</td>
                      <td>{price(order.market, order.price)}</td>
                      <td>{lots(order.market, order.size)}</td>
                      <td>{formatUtc(order.acceptedAtMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            ) : null}
            {alert.fills.length > 0 ? (
              <TableShell caption={t("alert.ownFills")} visibleCaption>
                <thead>
                  <tr>
                    <th scope="col">{t("table.time")}</th>
                    <th scope="col">{t("table.side")}</th>
                    <th scope="col">{t("table.role")}</th>
                    <th scope="col">{t("table.price")}</th>
                    <th scope="col">{t("table.size")}</th>
                    <th scope="col">{t("table.counterparty")}</th>
                  </tr>
                </thead>
                <tbody>
                  {alert.fills.map((fill) => (
                    <tr key={fill.seq}>
                      <td>{formatUtc(fill.atMs)}</td>
                      <td>{t(`side.${fill.side}`)}</td>
                      <td>{t(`role.${fill.role}`)}</td>
                      <td>{price(fill.market, fill.price)}</td>
                      <td>{lots(fill.market, fill.size)}</td>
                      <td>{t(`counterparty.${fill.counterparty}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            ) : null}
          </section>
        ))}
      </section>

      <section className="stack">
        <h2>{t("policiesTitle")}</h2>
        <MyPolicies policies={policies} />
      </section>
    </article>
  );
}
