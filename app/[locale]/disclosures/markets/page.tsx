import type { Metadata } from "next";
// eslint-disable-next-line no-restricted-imports -- links to the public API, which has no language prefix
import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import styles from "@/components/market-pages.module.css";
import { MarketsOverview } from "@/components/markets-overview";
import { Alert } from "@/components/ui/alert";
import type { MarketListRow } from "@/lib/wire/public-api";
import { listMarkets } from "@/lib/services/public-market-data/list-markets";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { code } from "../rich-text";
import { publicAnswer } from "../../public-answer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.markets");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

const COLUMNS = ["lastTrade", "mark", "index", "funding", "nextFunding", "openInterest", "volume"] as const;

/**
 * Public, no sign-in (DISC-1, DISC-2). The table is server-rendered from the engine (readable without
 * JavaScript); in the browser each row then follows its market's stream.
 */
export default async function MarketsPage() {
  const t = await getTranslations("disclosures.markets");
  const answer = await publicAnswer(async () => ((await listMarkets({ ctx: anonymousContext() })) as { markets: MarketListRow[] }).markets);
  const rows = answer.ok ? answer.data : null;
  const unavailable = answer.ok ? null : answer.reason;
  return (
    <article className={`section-page ${styles.wide}`}>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {unavailable ? <Alert tone="error">{t("unavailable", { reason: unavailable })}</Alert> : null}
      {rows ? <MarketsOverview initial={rows} /> : null}

      <section aria-labelledby="overview-columns">
        <h2 id="overview-columns">{t("columnsHeading")}</h2>
        <dl>
          {COLUMNS.flatMap((column) => [
            <dt key={`${column}-term`}>{t(`columns.${column}.term`)}</dt>,
            <dd key={`${column}-meaning`}>{t(`columns.${column}.meaning`)}</dd>,
          ])}
        </dl>
        <p>
          {t.rich("json", {
            listEndpoint: "GET /api/public/markets",
            streamPath: "/api/public/markets/{symbol}/stream",
            code,
            // An API address, not a page: no locale prefix.
            open: (chunks) => (
              <NextLink href="/api/public/markets" prefetch={false}>
                {chunks}
              </NextLink>
            ),
          })}
        </p>
      </section>
    </article>
  );
}
