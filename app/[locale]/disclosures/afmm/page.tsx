import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { ARRANGEMENT_SECTIONS } from "@/lib/services/afmm/arrangements";
import { getAfmmArrangements } from "@/lib/services/afmm/get-afmm-arrangements";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { errorText } from "@/lib/transport/messages";
import { code } from "../rich-text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.afmmArrangements");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/**
 * AFMM-6: the affiliated market maker's arrangements, every line rendered from the configuration the
 * engine runs and the platform's registers (getAfmmArrangements, the same answer as
 * GET /api/public/afmm/arrangements). Public, no sign-in.
 */
export default async function AfmmArrangementsPage() {
  const t = await getTranslations("disclosures.afmmArrangements");
  let data: Awaited<ReturnType<typeof getAfmmArrangements>>;
  try {
    data = await getAfmmArrangements({ ctx: anonymousContext() });
  } catch (error) {
    return (
      <article className="section-page">
        <h1>{t("title")}</h1>
        <Alert tone="error">{t("unavailable", { reason: await errorText(error) })}</Alert>
      </article>
    );
  }
  const line = (key: string, values: Record<string, string>) =>
    t.rich(`lines.${key}` as Parameters<typeof t.rich>[0], { ...values, code, link: (chunks) => <Link href="/disclosures/trades">{chunks}</Link> });
  return (
    <article className="section-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <dl className="facts">
        <div>
          <dt>{t("configHash")}</dt>
          <dd>
            <code data-testid="config-hash">{data.configHash}</code>
            <br />
            <span className="muted">{t("asOf", { time: formatUtc(data.asOfMs) })}</span>
          </dd>
        </div>
      </dl>
      {ARRANGEMENT_SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`afmm-${section}`} data-testid={`afmm-section-${section}`}>
          <h2 id={`afmm-${section}`}>{t(`sections.${section}`)}</h2>
          <ul>
            {data.lines
              .filter((entry) => entry.section === section)
              .map((entry, i) => (
                <li key={`${entry.key}-${i}`} data-testid="afmm-line" data-paths={entry.paths.join(" ")}>
                  {line(entry.key, entry.values)}
                </li>
              ))}
          </ul>
        </section>
      ))}
      <p className="muted">{t.rich("api", { endpoint: "GET /api/public/afmm/arrangements", code })}</p>
    </article>
  );
}
