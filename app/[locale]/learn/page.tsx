import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { TOPICS } from "./topics";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("education.hub");
  return { title: t("title") };
}

/**
 * EDU-1: the education hub, public: one guide per topic, each with a calculator on the engine's own
 * functions; and (EDU-2) the way to the answers to common questions.
 */
export default async function LearnPage() {
  const t = await getTranslations("education");
  return (
    <article className="section-page">
      <h1>{t("hub.title")}</h1>
      <p className="lead">{t("hub.lead")}</p>
      <p>{t.rich("hub.risks", { link: (chunks) => <Link href="/disclosures/risk-disclosure">{chunks}</Link> })}</p>
      <section aria-labelledby="questions">
        <h2 id="questions">{t("hub.questionsHeading")}</h2>
        <p>{t("hub.questions")}</p>
        <p>
          <Link href="/learn/questions">
            <strong>{t("hub.questionsLink")}</strong>
          </Link>
        </p>
      </section>
      <section aria-labelledby="guides">
        <h2 id="guides">{t("hub.guides")}</h2>
        <ul className="stack">
          {TOPICS.map((topic) => (
            <li key={topic.slug}>
              <Link href={`/learn/${topic.slug}`}>
                <strong>{t(`topics.${topic.key}.title`)}</strong>
              </Link>
              <br />
              {t(`topics.${topic.key}.summary`)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
