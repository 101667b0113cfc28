import type { Metadata } from "next";
// eslint-disable-next-line no-restricted-imports -- links to the public API, which has no language prefix
import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { NotBuiltYet } from "@/components/not-built-yet";
import { TradeTape } from "@/components/trade-tape";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { code } from "../rich-text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.trades");
  return { title: t("title") };
}

const MARKETS = DEFAULT_ENGINE_CONFIG.markets.map((market) => market.symbol);

/** What the page without JavaScript links to: the latest trades of the first market. */
const NOSCRIPT_EXAMPLE = { symbol: MARKETS[0], limit: 100 };

const FLAGS = ["afmm", "liquidation", "backstop", "adl"] as const;

export default async function TradesPage() {
  const t = await getTranslations("disclosures.trades");
  return (
    <article className="section-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section aria-labelledby="tape-completeness">
        <h2 id="tape-completeness">{t("completeHeading")}</h2>
        <p>{t("complete")}</p>
      </section>

      <section aria-labelledby="tape-flags">
        <h2 id="tape-flags">{t("flagsHeading")}</h2>
        <dl>
          {FLAGS.flatMap((flag) => [
            <dt key={`${flag}-term`}>{flag === "afmm" ? <strong>{t(`flags.${flag}.term`)}</strong> : t(`flags.${flag}.term`)}</dt>,
            <dd key={`${flag}-meaning`}>{t(`flags.${flag}.meaning`)}</dd>,
          ])}
        </dl>
        <p>
          {t.rich("json", {
            tradesEndpoint: "GET /api/public/markets/{symbol}/trades?limit=&before=",
            before: "before",
            streamPath: "/api/public/markets/{symbol}/stream",
            code,
          })}
        </p>
      </section>

      <section aria-labelledby="tape-live">
        <h2 id="tape-live">{t("tapeHeading")}</h2>
        <noscript>
          <p>
            {t.rich("noscript", {
              ...NOSCRIPT_EXAMPLE,
              // An API address, not a page: no locale prefix.
              link: (chunks) => (
                <NextLink href={`/api/public/markets/${NOSCRIPT_EXAMPLE.symbol}/trades?limit=${NOSCRIPT_EXAMPLE.limit}`} prefetch={false}>
                  {chunks}
                </NextLink>
              ),
            })}
          </p>
        </noscript>
        <TradeTape markets={MARKETS} />
      </section>

      <NotBuiltYet whatIsLive={t("whatIsLive")} deliveries={[{ delivers: t("plannedDownload") }]} />
    </article>
  );
}
