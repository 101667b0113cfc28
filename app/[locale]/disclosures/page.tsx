import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { audience } from "@/components/site-map";
import { formatPpbPercentExact, formatTicks, formatUsdMicros, formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { listMarkets } from "@/lib/services/public-market-data/list-markets";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { errorText } from "@/lib/transport/messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.overview");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

interface MarketRow {
  symbol: string;
  tickSize: string;
  engineTimeMs: number;
  last: number | null;
  mark: number | null;
  index: number | null;
  predictedFundingRate: { rate: string } | null;
  insuranceFundBalance: string | null;
}

/** Headline figures first (server-rendered, readable without JavaScript), then every disclosure page. */
export default async function DisclosuresPage() {
  const t = await getTranslations("disclosures.overview");
  const nav = await getTranslations("nav");
  let markets: MarketRow[] = [];
  let unavailable: string | null = null;
  try {
    markets = ((await listMarkets({ ctx: anonymousContext() })) as { markets: MarketRow[] }).markets;
  } catch (error) {
    unavailable = await errorText(error);
  }
  const price = (row: MarketRow, ticks: number | null) => (ticks && ticks > 0 ? formatTicks(ticks, row.tickSize) : "—");
  const pages = audience("disclosures").pages.filter((page) => page.href !== "/disclosures");
  return (
    <article className="section-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading">{t("marketsNow")}</h2>
        {unavailable ? (
          <p role="status">{t("unavailable", { reason: unavailable })}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t("caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("columns.market")}</th>
                  <th scope="col">{t("columns.last")}</th>
                  <th scope="col">{t("columns.mark")}</th>
                  <th scope="col">{t("columns.index")}</th>
                  <th scope="col">{t("columns.predictedFunding")}</th>
                  <th scope="col">{t("columns.insuranceFund")}</th>
                </tr>
              </thead>
              <tbody>
                {markets.map((row) => (
                  <tr key={row.symbol}>
                    <th scope="row">
                      <Link href={`/disclosures/markets/${row.symbol}`}>{row.symbol}</Link>
                    </th>
                    <td>{price(row, row.last)}</td>
                    <td>{price(row, row.mark)}</td>
                    <td>{price(row, row.index)}</td>
                    <td>{row.predictedFundingRate ? formatPpbPercentExact(row.predictedFundingRate.rate) : "—"}</td>
                    <td>{row.insuranceFundBalance === null ? "—" : formatUsdMicros(row.insuranceFundBalance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {markets[0] ? <p className="live-meta">{t("engineTime", { time: formatUtc(markets[0].engineTimeMs) })}</p> : null}
      </section>
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">{t("published")}</h2>
        <ul>
          {pages.map((page) => (
            <li key={page.href}>
              <Link href={page.href}>{nav(page.titleKey)}</Link>
            </li>
          ))}
        </ul>
        <p>{t.rich("api", { link: (chunks) => <Link href="/disclosures/api">{chunks}</Link> })}</p>
      </section>
    </article>
  );
}
