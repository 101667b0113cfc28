import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MarkTrailDownload } from "@/components/mark-trail-download";
import { LiveFunding } from "@/components/market-funding";
import { LiveIndexSources, LiveMarkPanel } from "@/components/market-index-mark";
import { OpenInterestHistory, PriceHistory } from "@/components/market-history";
import { LiveKeyFigures, LiveOpenInterest, LiveVolume, MarketLiveProvider, MarketStatusBar, type MarketPageInitial } from "@/components/market-live";
import { CONTRACT_PATHS, FUNDING_PATHS, INDEX_PATHS, IndexRules, MARK_PATHS, MarginTierTable, ParameterTable } from "@/components/market-parameters";
import styles from "@/components/market-pages.module.css";
import { Alert } from "@/components/ui/alert";
import { formatDurationMs } from "@/lib/format";
import { marketName } from "@/lib/i18n/instrument-names";
import { Link } from "@/lib/i18n/navigation";
import { chartMinutes, DEFAULT_HISTORY_WINDOW, historyWindowMs, windowStart } from "@/lib/market-history";
import type { FundingHistory, MarketDetail, MarketListRow, MarketMinutes } from "@/lib/wire/public-api";
import { PublicApiError } from "@/lib/services/public-market-data/common";
import { getFundingHistory } from "@/lib/services/public-market-data/get-funding-history";
import { z } from "zod";
import { getMarket } from "@/lib/services/public-market-data/get-market";
import { getMarketMinutes } from "@/lib/services/public-market-data/get-market-minutes";
import { listMarkets } from "@/lib/services/public-market-data/list-markets";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { MARK_TRAIL_MAX_ROWS, MARK_TRAIL_MAX_WINDOW_MS } from "@/lib/services/public-market-data/schemas";
import { strong } from "../../rich-text";
import { errorText } from "@/lib/transport/messages";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ symbol: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { symbol } = await params;
  return { title: decodeURIComponent(symbol) };
}

/** Trail window the download form starts with: the last few minutes of engine time. */
const TRAIL_DEFAULT_MS = 5 * 60_000;

/** The section anchors, in page order; each names its heading's message (the API section's heading differs from its link). */
const SECTIONS = [
  ["key-figures", "keyFigures"],
  ["price-history", "priceHistory"],
  ["funding", "funding"],
  ["open-interest", "openInterest"],
  ["volume", "volume"],
  ["contract", "contract"],
  ["index", "index"],
  ["mark", "mark"],
  ["api", "api"],
] as const;

/** The funding rate's formula: notation, the same in every language. */
const FUNDING_FORMULA = "F = clamp(P̄ + clamp(I − P̄, −band, +band), −cap, +cap)";

/** Continuation lines of the mark-price formula are indented under the right-hand side. */
const INDENT = "       ";

/** The market's JSON endpoints, each with the message that says what it gives. */
const API_ENDPOINTS = [
  ["", "market"],
  ["/funding", "funding"],
  ["/mark-trail", "markTrail"],
  ["/trades", "trades"],
  ["/stream", "stream"],
] as const;

/**
 * One market, public, no sign-in (DISC-1, DISC-2, LIQ-3). Everything is server-rendered from the
 * engine through the public-data services, so the page reads without JavaScript; the live sections
 * then follow the market stream and show a stale marker when it drops.
 */
export default async function MarketPage({ params }: Params) {
  const symbol = decodeURIComponent((await params).symbol);
  const [loaded, t, names] = await Promise.all([load(symbol), getTranslations("disclosures.market"), getTranslations("instruments")]);
  if (loaded === "not-found") notFound();
  if (typeof loaded === "string") {
    const unavailable = await getTranslations("disclosures.markets");
    return (
      <article className={`section-page ${styles.wide}`}>
        <h1>{symbol}</h1>
        <Alert tone="error">{unavailable("unavailable", { reason: loaded })}</Alert>
      </article>
    );
  }
  const { detail } = loaded;
  // After the page's other reads, one at a time (see load): the history charts' first window.
  const minutes = await loadMinutes(symbol, detail.engineTimeMs);
  const spec = detail.spec;
  const docs = detail.parameterDocs;
  const trailTo = detail.engineTimeMs;
  const fundingInterval = formatDurationMs(spec.funding.intervalMs);
  return (
    <article className={`section-page ${styles.wide}`}>
      <p>
        <Link href="/disclosures/markets">{t("allMarkets")}</Link>
      </p>
      <h1>{t("heading", { symbol: spec.symbol, name: marketName(names, spec) })}</h1>
      {/* From the contract's fields rather than the configuration's English description, so it reads in either language. */}
      <p className="lead">{t("lead", { base: spec.baseAsset, quote: spec.quoteAsset, settle: spec.settleAsset, lotSize: spec.lotSize })}</p>
      <nav aria-label={t("onThisPage")}>
        <ul className={styles.sectionNav}>
          {SECTIONS.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(`sections.${key}`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <MarketLiveProvider initial={loaded}>
        <MarketStatusBar />

        <section aria-labelledby="key-figures">
          <h2 id="key-figures">{t("sections.keyFigures")}</h2>
          <LiveKeyFigures />
        </section>

        <section aria-labelledby="price-history">
          <h2 id="price-history">{t("sections.priceHistory")}</h2>
          <p>{t("priceHistoryText")}</p>
          <PriceHistory initial={minutes} />
        </section>

        <section aria-labelledby="funding">
          <h2 id="funding">{t("sections.funding")}</h2>
          <p>{t.rich("funding.text", { interval: fundingInterval, formula: FUNDING_FORMULA, strong })}</p>
          <LiveFunding />
          <ParameterTable spec={spec} docs={docs} paths={FUNDING_PATHS} caption={t("funding.parameters")} />
        </section>

        <section aria-labelledby="open-interest">
          <h2 id="open-interest">{t("sections.openInterest")}</h2>
          <p>{t("openInterest")}</p>
          <LiveOpenInterest />
          <h3>{t("openInterestHistory")}</h3>
          <OpenInterestHistory initial={minutes} />
        </section>

        <section aria-labelledby="volume">
          <h2 id="volume">{t("sections.volume")}</h2>
          <p>{t("volume")}</p>
          <LiveVolume />
        </section>

        <section aria-labelledby="contract">
          <h2 id="contract">{t("sections.contract")}</h2>
          <ParameterTable spec={spec} docs={docs} paths={CONTRACT_PATHS} caption={t("contractTerms", { symbol: spec.symbol })} />
          <MarginTierTable spec={spec} docs={docs} />
        </section>

        <section aria-labelledby="index">
          <h2 id="index">{t("sections.index")}</h2>
          <p>{t("index.text", { asset: spec.baseAsset })}</p>
          <LiveIndexSources />
          <h3>{t("index.rules")}</h3>
          <IndexRules spec={spec} />
          <ParameterTable spec={spec} docs={docs} paths={INDEX_PATHS} caption={t("index.parameters")} />
        </section>

        <section aria-labelledby="mark">
          <h2 id="mark">{t("sections.mark")}</h2>
          <p>{t("mark.text")}</p>
          <pre className={styles.formula}>
            {[
              t("mark.formula.p1"),
              INDENT + t("mark.formula.p1Terms", { interval: fundingInterval }),
              t("mark.formula.p2"),
              INDENT + t("mark.formula.p2Window", { window: formatDurationMs(spec.mark.basisWindowMs), every: formatDurationMs(spec.mark.basisSampleEveryMs) }),
              t("mark.formula.mark"),
              INDENT + t("mark.formula.markAlone"),
              t("mark.formula.rounding"),
            ].join("\n")}
          </pre>
          <LiveMarkPanel />
          <ParameterTable spec={spec} docs={docs} paths={MARK_PATHS} caption={t("mark.parameters")} />
          <h3>{t("mark.auditTrail")}</h3>
          <p>{t("mark.auditText")}</p>
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
        <h2 id="api">{t("api.heading")}</h2>
        <p>{t("api.intro")}</p>
        <ul>
          {API_ENDPOINTS.map(([suffix, key]) => {
            const path = `/api/public/markets/${spec.symbol}${suffix}`;
            return (
              <li key={path}>
                {t.rich(`api.${key}`, {
                  path,
                  // API addresses, not pages: no locale prefix.
                  link: (chunks) => (
                    <a href={path}>
                      <code>{chunks}</code>
                    </a>
                  ),
                })}
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}

/** The server's figures for the page, "not-found" for an unknown market, or why there are none. */
async function load(symbol: string): Promise<MarketPageInitial | "not-found" | string> {
  let detail: MarketDetail;
  try {
    detail = (await getMarket({ ctx: anonymousContext(), input: { symbol } })) as MarketDetail;
  } catch (error) {
    if (error instanceof PublicApiError) return error.status === 404 ? "not-found" : await errorText(error);
    // A name no market could have (too long, empty) names no market either.
    if (error instanceof z.ZodError) return "not-found";
    throw error;
  }
  // One after the other: the embedded database (PGlite behind one multiplexed session) can mix up
  // the extended-protocol messages of concurrent queries, so a page does not add its own concurrency.
  const [list] = await Promise.allSettled([listMarkets({ ctx: anonymousContext() })]);
  const [funding] = await Promise.allSettled([getFundingHistory({ ctx: anonymousContext(), input: { symbol } })]);
  return {
    detail,
    listRows: list.status === "fulfilled" ? (list.value as { markets: MarketListRow[] }).markets : null,
    funding: funding.status === "fulfilled" ? (funding.value as FundingHistory) : null,
    fundingError: funding.status === "rejected" ? await errorText(funding.reason) : null,
  };
}

/**
 * The minute rollups of the charts' default window, cut to the figures they draw (the page's payload
 * carries them to the browser), or null when they cannot be read: the charts then load them
 * themselves and say so if that fails too.
 */
async function loadMinutes(symbol: string, engineNowMs: number): Promise<MarketMinutes | null> {
  try {
    const answer = (await getMarketMinutes({
      ctx: anonymousContext(),
      input: { symbol, from: windowStart(engineNowMs, historyWindowMs(DEFAULT_HISTORY_WINDOW)) },
    })) as MarketMinutes;
    return { ...answer, minutes: chartMinutes(answer.minutes) };
  } catch {
    return null;
  }
}
