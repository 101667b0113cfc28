import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { RiskDisclosureDocument } from "@/components/risk-disclosure-document";
import { Alert } from "@/components/ui/alert";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { getPublicRiskDisclosures, type PublishedDisclosure } from "@/lib/services/suitability/get-public-risk-disclosures";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { VersionFacts } from "./version-facts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("education.riskDisclosure");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/**
 * DISC-8: the risk disclosure statement in effect, public, in the reader's language, with its version,
 * effective date and the SHA-256 a client's acknowledgement records; then every version with its hash
 * and a link to read it as published.
 */
export default async function RiskDisclosurePage() {
  const [t, { current, history }] = await Promise.all([getTranslations("education.riskDisclosure"), getPublicRiskDisclosures({ ctx: anonymousContext() })]);
  return (
    <article className="section-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {current ? (
        <>
          <section className="panel" aria-labelledby="current-version">
            <h2 id="current-version">{t("current")}</h2>
            <VersionFacts entry={current} />
            <p className="field__hint">{t("hashHint")}</p>
            <p>{t("clients")}</p>
          </section>
          <RiskDisclosureDocument doc={current.version} />
        </>
      ) : (
        <Alert tone="warn">{t("noneInEffect")}</Alert>
      )}
      <VersionHistory history={history} />
    </article>
  );
}

function VersionHistory({ history }: { history: PublishedDisclosure[] }) {
  const t = useTranslations("education.riskDisclosure");
  return (
    <section aria-labelledby="version-history">
      <h2 id="version-history">{t("history.heading")}</h2>
      <p>{t("history.lead")}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t("history.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("history.columns.version")}</th>
              <th scope="col">{t("history.columns.effectiveFrom")}</th>
              <th scope="col">{t("history.columns.change")}</th>
              <th scope="col">{t("history.columns.status")}</th>
              <th scope="col">{t("history.columns.hash")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr key={entry.version.id}>
                <th scope="row">
                  <Link href={`/disclosures/risk-disclosure/v/${entry.version.id}`} aria-label={t("history.read", { version: entry.version.id })}>
                    {entry.version.id}
                  </Link>
                </th>
                <td>{formatUtc(Date.parse(entry.version.effectiveFrom))}</td>
                <td>{entry.version.material ? t("change.material") : t("change.wording")}</td>
                <td>{t(`status.${entry.status}`)}</td>
                <td>
                  <code className="hash">{entry.contentHash}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
