import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { IncidentReportView } from "@/components/incidents/incident-report";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { LOCALE_NAMES, routing } from "@/lib/i18n/routing";
import { PUBLISHED_REPORT_SCHEMA_PATH, publishedReportPaths } from "@/lib/incidents/published-report";
import { NotFound } from "@/lib/services/errors";
import { getPublishedIncident, type PublishedIncident } from "@/lib/services/incidents/get-published-incident";
import { anonymousContext } from "@/lib/transport/anonymous-context";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.incidents.report");
  return { title: t("metaTitle") };
}

export const dynamic = "force-dynamic";

/**
 * Public, no sign-in: one published post-event report (DISC-7), rendered from exactly the JSON that
 * was published, narrative included, with its SHA-256 and links to the same report as PDF (in either
 * language) and as JSON. An unknown or unpublished id is a not-found page.
 */
export default async function IncidentReportPage({ params }: Props) {
  const { id } = await params;
  let published: PublishedIncident;
  try {
    published = await getPublishedIncident({ ctx: anonymousContext(), input: { incidentId: id } });
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  const [t, locale] = await Promise.all([getTranslations("disclosures.incidents.report"), getLocale()]);
  const { document } = published;
  const paths = publishedReportPaths(published.id);
  const startedMs = document.report.startedAtMs;
  return (
    <article className="section-page stack">
      <div>
        <p>
          <Link href="/disclosures/incidents">{t("back")}</Link>
        </p>
        <h1>{t("title", { market: published.market, date: new Date(startedMs).toISOString().slice(0, 10) })}</h1>
        <p className="lead">
          {t("lead", {
            started: formatUtc(startedMs),
            approved: formatUtc(Date.parse(document.approval.at)),
            published: formatUtc(Date.parse(document.publishedAt)),
          })}
        </p>
      </div>
      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t("downloads")}</h2>
        <ul>
          {[locale, ...routing.locales.filter((other) => other !== locale)].map((language) => (
            <li key={language}>
              <a href={language === "en" ? paths.pdf : `${paths.pdf}?locale=${language}`} lang={language}>
                {t("pdf", { language: LOCALE_NAMES[language] })}
              </a>
            </li>
          ))}
          <li>
            <a href={paths.json}>{t("json")}</a>
          </li>
          <li>
            <a href={PUBLISHED_REPORT_SCHEMA_PATH}>{t("schema")}</a>
          </li>
        </ul>
        <p>
          {t("hash")} <code>{published.hash}</code>
        </p>
      </section>
      <IncidentReportView report={document.report} narrative={document.narrative} />
    </article>
  );
}
