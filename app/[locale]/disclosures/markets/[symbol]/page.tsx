import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkTrailDownload } from "@/components/mark-trail-download";
import { LiveFunding } from "@/components/market-funding";
import { LiveIndexSources, LiveMarkPanel } from "@/components/market-index-mark";
import { LiveKeyFigures, LiveOpenInterest, LiveVolume, MarketLiveProvider, MarketStatusBar, type MarketPageInitial } from "@/components/market-live";
import { CONTRACT_PATHS, FUNDING_PATHS, INDEX_PATHS, IndexRules, MARK_PATHS, MarginTierTable, ParameterTable } from "@/components/market-parameters";
import styles from "@/components/market-pages.module.css";
import { formatDurationMs } from "@/lib/format";
import type { FundingHistory, MarketDetail, MarketListRow } from "@/lib/wire/public-api";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getFundingHistory } from "@/lib/services/public-market-data/get-funding-history";
import { getMarket } from "@/lib/services/public-market-data/get-market";
import { listMarkets } from "@/lib/services/public-market-data/list-markets";
import { MARK_TRAIL_MAX_ROWS, MARK_TRAIL_MAX_WINDOW_MS } from "@/lib/services/public-market-data/schemas";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ symbol: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { symbol } = await params;
  return { title: decodeURIComponent(symbol) };
}

/** Trail window the download form starts with: the last few minutes of engine time. */
const TRAIL_DEFAULT_MS = 5 * 60_000;

/**
 * One market, public, no sign-in (issue 6 pts 1–3; DISC-1, DISC-2, LIQ-3). Everything is
 * server-rendered from the engine through the public-data services, so the page reads without
 * JavaScript; the live sections then follow the market stream and show a stale marker when it drops.
 */
export default async function MarketPage({ params }: Params) {
  const symbol = decodeURIComponent((await params).symbol);
  const loaded = await load(symbol);
  if (loaded === "not-found") notFound();
  if (typeof loaded === "string") {
    return (
      <article className={`section-page ${styles.wide}`}>
        <h1>{symbol}</h1>
        <p className="alert alert--error" role="alert">
          Market data is not available right now: {loaded}
        </p>
      </article>
    );
  }
  const { detail } = loaded;
  const spec = detail.spec;
  const docs = detail.parameterDocs;
  const trailTo = detail.engineTimeMs;
  return (
    <article className={`section-page ${styles.wide}`}>
      <p>
        <Link href="/disclosures/markets">← All markets</Link>
      </p>
      <h1>
        {spec.symbol}: {spec.displayName}
      </h1>
      <p className="lead">
        {spec.description} Every figure on this page comes from the exchange engine&apos;s own state and configuration. Prices come from a
        simulated market, not a real one.
      </p>
      <nav aria-label="On this page">
        <ul className={styles.sectionNav}>
          {[
            ["key-figures", "Key figures"],
            ["funding", "Funding"],
            ["open-interest", "Open interest"],
            ["volume", "24 h volume"],
            ["contract", "Contract specification"],
            ["index", "Index price"],
            ["mark", "Mark price"],
            ["api", "API"],
          ].map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <MarketLiveProvider initial={loaded}>
        <MarketStatusBar />

        <section aria-labelledby="key-figures">
          <h2 id="key-figures">Key figures</h2>
          <LiveKeyFigures />
        </section>

        <section aria-labelledby="funding">
          <h2 id="funding">Funding</h2>
          <p>
            At the end of every funding interval ({formatDurationMs(spec.funding.intervalMs)}) holders of long and short positions exchange
            funding: position notional at the mark price × the rate. A positive rate means longs pay shorts. The rate is{" "}
            <strong>F = clamp(P̄ + clamp(I − P̄, −band, +band), −cap, +cap)</strong>, where P̄ is the weighted average of the premium index
            sampled during the interval (how far the impact bid and ask, the prices to trade the impact notional, sit from the index), I is the
            interest rate and the cap limits F in both directions. Funding passes between position holders only: what the paying side pays, the receiving side receives in full.
          </p>
          <LiveFunding />
          <ParameterTable spec={spec} docs={docs} paths={FUNDING_PATHS} caption="Funding parameters" />
        </section>

        <section aria-labelledby="open-interest">
          <h2 id="open-interest">Open interest</h2>
          <p>Every contract has a buyer and a seller, so open long and open short positions are always equal.</p>
          <LiveOpenInterest />
        </section>

        <section aria-labelledby="volume">
          <h2 id="volume">24 h volume</h2>
          <p>All trades of the last 24 hours of engine time, from the exchange&apos;s journal (re-read every 30 seconds).</p>
          <LiveVolume />
        </section>

        <section aria-labelledby="contract">
          <h2 id="contract">Contract specification</h2>
          <ParameterTable spec={spec} docs={docs} paths={CONTRACT_PATHS} caption={`${spec.symbol} contract terms`} />
          <MarginTierTable spec={spec} docs={docs} />
        </section>

        <section aria-labelledby="index">
          <h2 id="index">Index price</h2>
          <p>
            The index is the price of {spec.baseAsset} on independent spot venues. The table shows what each constituent contributed to the
            latest index computation: its latest quote, how old it was, its weight, and whether it counted.
          </p>
          <LiveIndexSources />
          <h3>Rules</h3>
          <IndexRules spec={spec} />
          <ParameterTable spec={spec} docs={docs} paths={INDEX_PATHS} caption="Index parameters" />
        </section>

        <section aria-labelledby="mark">
          <h2 id="mark">Mark price</h2>
          <p>
            The mark price values positions for margin and liquidation. It is the median of three candidates, so no single one (a thin
            order book, a stray trade) can move it alone:
          </p>
          <pre className={styles.formula}>
            {[
              "P1   = Index × (1 + F × Δt ÷ T)",
              `       F: this interval's predicted funding rate; Δt: time to the next funding; T: the funding interval (${formatDurationMs(spec.funding.intervalMs)})`,
              "P2   = Index + average of ((best bid + best ask) ÷ 2 − Index)",
              `       over the last ${formatDurationMs(spec.mark.basisWindowMs)}, one sample every ${formatDurationMs(spec.mark.basisSampleEveryMs)}`,
              "Mark = median(P1, P2, last trade)",
              "       P1 alone while there is no trade yet or no basis sample in the window",
              "P1 and P2 are rounded half-to-even to a whole tick; the mark stays within 1 tick and the maximum price.",
            ].join("\n")}
          </pre>
          <LiveMarkPanel />
          <ParameterTable spec={spec} docs={docs} paths={MARK_PATHS} caption="Mark-price parameters" />
          <h3>Audit trail</h3>
          <p>
            Every index and mark computation is journaled with all of its inputs. Download them for any window of engine time: one row per
            mark tick (with F, Δt, T and the basis sum and count, so each mark can be recomputed as above), per index tick and per index
            source.
          </p>
          <MarkTrailDownload
            symbol={spec.symbol}
            defaultFromMs={trailTo - TRAIL_DEFAULT_MS}
            defaultToMs={trailTo}
            maxWindowMs={MARK_TRAIL_MAX_WINDOW_MS}
            maxRows={MARK_TRAIL_MAX_ROWS}
          />
        </section>
      </MarketLiveProvider>

      <section aria-labelledby="api">
        <h2 id="api">The same data as JSON</h2>
        <p>Free, without sign-in, rate-limited per client:</p>
        <ul>
          {[
            [`/api/public/markets/${spec.symbol}`, "specification, parameters, latest index and mark with their inputs"],
            [`/api/public/markets/${spec.symbol}/funding`, "funding settlements (from, to, afterSeq)"],
            [`/api/public/markets/${spec.symbol}/mark-trail`, "index and mark audit trail (from, to, format=json|csv, afterSeq)"],
            [`/api/public/markets/${spec.symbol}/trades`, "trades (limit, before)"],
            [`/api/public/markets/${spec.symbol}/stream`, "live Server-Sent Events stream"],
          ].map(([href, what]) => (
            <li key={href}>
              <a href={href}>
                <code>{href}</code>
              </a>
              : {what}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

/** The server's figures for the page, "not-found" for an unknown market, or why there are none. */
async function load(symbol: string): Promise<MarketPageInitial | "not-found" | string> {
  let detail: MarketDetail;
  try {
    detail = (await getMarket(symbol)) as MarketDetail;
  } catch (error) {
    if (error instanceof PublicApiError) return error.status === 404 ? "not-found" : error.message;
    throw error;
  }
  // One after the other: the embedded database (PGlite behind one multiplexed session) can mix up
  // the extended-protocol messages of concurrent queries, so a page does not add its own concurrency.
  const [list] = await Promise.allSettled([listMarkets()]);
  const [funding] = await Promise.allSettled([getFundingHistory(symbol, new URLSearchParams())]);
  return {
    detail,
    listRows: list.status === "fulfilled" ? (list.value as { markets: MarketListRow[] }).markets : null,
    funding: funding.status === "fulfilled" ? (funding.value as FundingHistory) : null,
    fundingError: funding.status === "rejected" ? String(funding.reason instanceof Error ? funding.reason.message : funding.reason) : null,
  };
}
