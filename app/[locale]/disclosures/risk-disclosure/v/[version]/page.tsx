import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { RiskDisclosureDocument } from "@/components/risk-disclosure-document";
import { Alert } from "@/components/ui/alert";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { getPublicRiskDisclosures } from "@/lib/services/suitability/get-public-risk-disclosures";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { VersionFacts } from "../../version-facts";

type Params = Promise<{ version: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ version }, t] = await Promise.all([params, getTranslations("education.riskDisclosure.version")]);
  return { title: t("title", { version }) };
}

export const dynamic = "force-dynamic";

/** DISC-8: one version of the risk disclosure statement exactly as published, with the hash its acknowledgements record. */
export default async function RiskDisclosureVersionPage({ params }: { params: Params }) {
  const [{ version: id }, t, locale] = await Promise.all([params, getTranslations("education.riskDisclosure.version"), getLocale()]);
  const { history } = await getPublicRiskDisclosures({ ctx: anonymousContext() });
  const entry = history.find((candidate) => candidate.version.id === id);
  if (!entry) notFound();
  const englishOnly = locale !== "en" && !entry.version.translations?.[locale as "zh-HK"];
  return (
    <article className="section-page">
      <p>
        <Link href="/disclosures/risk-disclosure#version-history">{t("allVersions")}</Link>
      </p>
      <h1>{t("title", { version: entry.version.id })}</h1>
      {entry.status === "current" ? <Alert tone="ok">{t("current")}</Alert> : null}
      {entry.status === "superseded" ? (
        <Alert tone="warn">{t.rich("superseded", { link: (chunks) => <Link href="/disclosures/risk-disclosure">{chunks}</Link> })}</Alert>
      ) : null}
      {entry.status === "scheduled" ? <Alert tone="warn">{t("scheduled", { date: formatUtc(Date.parse(entry.version.effectiveFrom)) })}</Alert> : null}
      <VersionFacts entry={entry} />
      {englishOnly ? <p className="field__hint">{t("englishOnly")}</p> : null}
      <RiskDisclosureDocument doc={entry.version} />
    </article>
  );
}
