import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InsuranceFundLive } from "@/components/insurance-fund-live";
import { NotBuiltYet } from "@/components/not-built-yet";
import { INSURANCE_HISTORY_ROWS } from "@/lib/services/public-market-data/schemas";
import { code, strong } from "../rich-text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.insuranceFund");
  return { title: t("title") };
}

const ENDPOINT = "/api/public/insurance-fund";

/**
 * Public, no sign-in. The explanatory text is server-rendered (readable without JavaScript); the
 * figures, chart and ledger come from the public API in the browser (InsuranceFundLive).
 */
export default async function InsuranceFundPage() {
  const t = await getTranslations("disclosures.insuranceFund");
  return (
    <article className="section-page insurance-fund-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <p>{t.rich("waterfall", { strong })}</p>
      <h2>{t("coverageHeading")}</h2>
      <p>{t.rich("coverage", { strong })}</p>
      <p>{t.rich("units", { endpoint: `GET ${ENDPOINT}`, code })}</p>
      <noscript>
        <p>{t("noscript", { path: ENDPOINT })}</p>
      </noscript>
      <InsuranceFundLive />
      <NotBuiltYet
        whatIsLive={t("whatIsLive", { rows: INSURANCE_HISTORY_ROWS })}
        deliveries={[{ delivers: t("plannedTarget") }, { delivers: t("plannedHistory", { rows: INSURANCE_HISTORY_ROWS }) }]}
      />
    </article>
  );
}
