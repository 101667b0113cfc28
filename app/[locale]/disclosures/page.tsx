import type { Metadata } from "next";
import Link from "next/link";
import { audience } from "@/components/site-map";
import { formatPpbPercent, formatTicks, formatUsdMicros } from "@/lib/format";
import { listMarkets } from "@/lib/services/public-market-data/list-markets";

export const metadata: Metadata = { title: "Public disclosures" };
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
  let markets: MarketRow[] = [];
  let unavailable: string | null = null;
  try {
    markets = ((await listMarkets()) as { markets: MarketRow[] }).markets;
  } catch (error) {
    unavailable = error instanceof Error ? error.message : String(error);
  }
  const price = (row: MarketRow, ticks: number | null) => (ticks && ticks > 0 ? formatTicks(ticks, row.tickSize) : "—");
  const pages = audience("disclosures").pages.filter((page) => page.href !== "/disclosures");
  return (
    <article className="section-page">
      <h1>Public disclosures</h1>
      <p className="lead">
        What the platform publishes about its perpetual contracts, for anyone to read without signing in and free of
        charge: every figure comes from the exchange engine&apos;s own state and configuration at the moment the page is
        served, and the market pages then follow it live. Prices come from a simulated market, not a real one.
      </p>
      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading">Markets now</h2>
        {unavailable ? (
          <p role="status">The market figures are unavailable right now: {unavailable}.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Headline figures of each market when this page was served</caption>
            <thead>
              <tr>
                <th scope="col">Market</th>
                <th scope="col">Last (USD)</th>
                <th scope="col">Mark (USD)</th>
                <th scope="col">Index (USD)</th>
                <th scope="col">Predicted funding (this interval)</th>
                <th scope="col">Insurance fund (USD)</th>
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
                  <td>{row.predictedFundingRate ? formatPpbPercent(row.predictedFundingRate.rate) : "—"}</td>
                  <td>{row.insuranceFundBalance === null ? "—" : formatUsdMicros(row.insuranceFundBalance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {markets[0] ? <p className="live-meta">Engine time {new Date(markets[0].engineTimeMs).toISOString().replace("T", " ").slice(0, 19)} UTC. Reload for newer figures, or open a market page to follow it live.</p> : null}
      </section>
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">What is published</h2>
        <ul>
          {pages.map((page) => (
            <li key={page.href}>
              <Link href={page.href}>{page.title}</Link>
            </li>
          ))}
        </ul>
        <p>
          The same data is available as a free JSON API without sign-in (rate-limited per client), with a live event stream per
          market: see the <Link href="/disclosures/api">public API reference</Link>.
        </p>
      </section>
    </article>
  );
}
