import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { TableShell } from "@/components/ui/table-shell";
import { formatLots, formatTicks, formatUsdMicrosExact, formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import type { AccountActivityPage, ActivityRow } from "@/lib/services/trading/list-account-activity";
import type { MarketUnits } from "@/lib/services/trading/market-units";
import { ACTIVITY_KINDS } from "@/lib/services/trading/schemas";

const SECTION = "trading-history";

/**
 * The client's own fills, liquidations, ADL fills and funding payments (listAccountActivity), newest
 * first. The filter is a GET form and the pages are links (keyset cursors on the journal position),
 * so both work without JavaScript and a page stays the same while new lines arrive above it.
 */
export async function TradingHistory({ history, refused, formAction }: { history: AccountActivityPage; refused: string | null; formAction: string }) {
  const t = await getTranslations("trading.history");
  const units = new Map(history.markets.map((market) => [market.symbol, market]));
  const { kind, market } = history.filter;
  const filterQuery = { ...(kind ? { kind } : {}), ...(market ? { market } : {}) };
  const pageLink = (cursor: { before?: string; after?: string }, label: ReactNode) => (
    <Link href={{ pathname: "/portal/positions", query: { ...filterQuery, ...cursor }, hash: SECTION }}>{label}</Link>
  );
  const cursorGiven = history.olderBefore !== null || history.newerAfter !== null;

  return (
    <section aria-labelledby={SECTION} className="stack">
      <div className="prose">
        <h2 id={SECTION}>{t("title")}</h2>
        <p>{t("lead")}</p>
      </div>
      {refused ? <Alert tone="error">{t("refused", { problem: refused })}</Alert> : null}
      {!history.hasAccount ? (
        <p>{t("noAccount")}</p>
      ) : (
        <>
          <form className="filters" method="get" action={`${formAction}#${SECTION}`} aria-label={t("filtersLabel")}>
            <Field id="history-kind" label={t("kind")}>
              <select id="history-kind" name="kind" defaultValue={kind ?? ""}>
                <option value="">{t("allKinds")}</option>
                {ACTIVITY_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {t(`kindOption.${value}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="history-market" label={t("market")}>
              <select id="history-market" name="market" defaultValue={market ?? ""}>
                <option value="">{t("allMarkets")}</option>
                {history.markets.map((spec) => (
                  <option key={spec.symbol} value={spec.symbol}>
                    {spec.symbol}
                  </option>
                ))}
              </select>
            </Field>
            <p>
              <button type="submit" className="button">
                {t("apply")}
              </button>
            </p>
          </form>
          {history.rows.length === 0 ? (
            <p>{emptyText(t, history, cursorGiven, (chunks) => pageLink({}, chunks))}</p>
          ) : (
            <TableShell caption={t("caption")}>
              <thead>
                <tr>
                  <th scope="col">{t("time")}</th>
                  <th scope="col">{t("type")}</th>
                  <th scope="col">{t("market")}</th>
                  <th scope="col">{t("side")}</th>
                  <th scope="col" className="num">
                    {t("size")}
                  </th>
                  <th scope="col" className="num">
                    {t("price")}
                  </th>
                  <th scope="col" className="num">
                    {t("amount")}
                  </th>
                  <th scope="col">{t("positionAfter")}</th>
                </tr>
              </thead>
              <tbody>
                {history.rows.map((row) => (
                  <HistoryRow key={row.seq} row={row} units={units.get(row.market)} t={t} />
                ))}
              </tbody>
            </TableShell>
          )}
          {history.newerAfter !== null || history.olderBefore !== null ? (
            <nav aria-label={t("pagination")} className="toolbar">
              {history.newerAfter !== null ? pageLink({}, t("newest")) : null}
              {history.newerAfter !== null ? pageLink({ after: history.newerAfter }, t("newer")) : null}
              {history.olderBefore !== null ? pageLink({ before: history.olderBefore }, t("older")) : null}
            </nav>
          ) : null}
          <p className="muted">{t("recordingNote")}</p>
        </>
      )}
    </section>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"trading.history">>>;

function emptyText(t: Translate, history: AccountActivityPage, cursorGiven: boolean, link: (chunks: ReactNode) => ReactNode): ReactNode {
  const { kind, market } = history.filter;
  if (cursorGiven) return t.rich("emptyPage", { link });
  if (kind && market) return t("emptyKindInMarket", { kind, market });
  if (kind) return t("emptyKind", { kind });
  if (market) return t("emptyMarket", { market });
  return t("empty");
}

function HistoryRow({ row, units, t }: { row: ActivityRow; units: MarketUnits | undefined; t: Translate }) {
  const none = t("none");
  const size = (lots: number) => (units ? `${formatLots(lots, units.lotSize)} ${units.baseAsset}` : none);
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={new Date(row.atMs).toISOString()}>{formatUtc(row.atMs)}</time>
      </td>
      <td>{t(`kindValue.${row.kind}`)}</td>
      <td className="nowrap">{row.market}</td>
      <td>{row.side ? t("sideValue", { side: row.side }) : none}</td>
      <td className="num">{row.lots !== null ? size(row.lots) : none}</td>
      <td className="num">{row.priceTicks !== null && units ? formatTicks(row.priceTicks, units.tickSize) : none}</td>
      <td className="num">{amountText(t, row)}</td>
      <td className="nowrap">
        {row.positionAfter === 0
          ? t("flat")
          : t("position", {
              side: row.positionAfter > 0 ? "long" : "short",
              size: units ? formatLots(Math.abs(row.positionAfter), units.lotSize) : none,
              asset: units?.baseAsset ?? "",
            })}
      </td>
    </tr>
  );
}

/** Fees and funding with the direction in words: "Fee paid 0.42", "Rebate received 0.01", "Received 1.20", "Paid 1.20". */
function amountText(t: Translate, row: ActivityRow): string {
  if (row.amount === null) return t("none");
  const value = BigInt(row.amount);
  const amount = formatUsdMicrosExact(value < 0n ? -value : value);
  if (row.kind === "funding") return value < 0n ? t("fundingPaid", { amount }) : t("fundingReceived", { amount });
  return value < 0n ? t("rebate", { amount }) : t("fee", { amount });
}
