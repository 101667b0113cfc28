import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { COMPLAINT_CATEGORIES } from "@/lib/complaints/policy";
import { KNOWLEDGE_QUERY_MAX, searchKnowledgeBase } from "@/lib/education/knowledge-base";
import { Link } from "@/lib/i18n/navigation";
import { getMethodology } from "@/lib/services/public-market-data/get-methodology";
import { anonymousContext } from "@/lib/transport/anonymous-context";
import { publicAnswer } from "../../public-answer";
import { knowledgeEntries, type Entry } from "./entries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("knowledgeBase");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * EDU-2: the knowledge base beside the enquiry channel: answers to the questions clients ask, grouped
 * by the complaint and enquiry categories, each figure read from the configuration or policy in force,
 * each answer linked to the page with the live figures. The search is a plain GET form filtered on the
 * server (lib/education/knowledge-base.ts), so the page works without JavaScript.
 */
export default async function QuestionsPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, t, categories, education] = await Promise.all([
    searchParams,
    getTranslations("knowledgeBase"),
    getTranslations("complaints.categories"),
    getTranslations("education.hub"),
  ]);
  const answer = await publicAnswer(() => getMethodology({ ctx: anonymousContext() }));
  const entries = await knowledgeEntries(answer.ok ? answer.data : null);
  const search = searchKnowledgeBase(entries, params.q);
  const query = search.kind === "all" ? "" : search.query;
  const enquiryLink = (chunks: ReactNode) => <Link href="/complaints">{chunks}</Link>;

  return (
    <article className="section-page">
      <p>
        <Link href="/learn">{education("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <form className="filters" method="get" role="search" aria-label={t("search.label")}>
        <div className="field">
          <label htmlFor="q">{t("search.label")}</label>
          <span className="field__hint" id="q-hint">
            {t("search.hint", { max: KNOWLEDGE_QUERY_MAX })}
          </span>
          <input id="q" name="q" type="search" defaultValue={query} aria-describedby="q-hint" aria-invalid={search.kind === "tooLong" ? true : undefined} />
        </div>
        <p>
          <button type="submit" className="button">
            {t("search.submit")}
          </button>{" "}
          {search.kind === "all" ? null : <Link href="/learn/questions">{t("search.clear")}</Link>}
        </p>
      </form>

      {answer.ok ? null : <Alert tone="warn">{t("unavailable", { reason: answer.reason })}</Alert>}

      {search.kind === "tooLong" ? <Alert tone="error">{t("tooLong", { length: search.length, max: KNOWLEDGE_QUERY_MAX })}</Alert> : null}

      {search.kind === "results" ? (
        <section aria-labelledby="kb-results">
          <h2 id="kb-results">{t("resultsHeading")}</h2>
          <p role="status">{t("results", { count: search.entries.length, query: search.query })}</p>
          {search.entries.length === 0 ? (
            <p>{t.rich("noResults", { link: enquiryLink })}</p>
          ) : (
            <div className="stack">
              {search.entries.map((entry) => (
                <Answer key={entry.id} entry={entry} subject={t("subject", { category: categories(entry.category) })} />
              ))}
            </div>
          )}
        </section>
      ) : null}

      {search.kind === "all"
        ? COMPLAINT_CATEGORIES.map((category) => {
            const inCategory = search.entries.filter((entry) => entry.category === category);
            if (inCategory.length === 0) return null;
            return (
              <section key={category} aria-labelledby={`kb-${category}`}>
                <h2 id={`kb-${category}`}>{categories(category)}</h2>
                <div className="stack">
                  {inCategory.map((entry) => (
                    <Answer key={entry.id} entry={entry} />
                  ))}
                </div>
              </section>
            );
          })
        : null}

      {answer.ok ? (
        <p className="field__hint">{education.rich("configuration", { hash: answer.data.configHash, code: (chunks) => <code>{chunks}</code> })}</p>
      ) : null}
      <p>{t.rich("notAnswered", { link: enquiryLink })}</p>
    </article>
  );
}

async function Answer({ entry, subject }: { entry: Entry; subject?: string }) {
  const t = await getTranslations("knowledgeBase");
  return (
    <div className="prose">
      <h3 id={`q-${entry.id}`}>{entry.question}</h3>
      {subject ? <p className="field__hint">{subject}</p> : null}
      {entry.answer.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      <p>
        {t("seeAlso")}{" "}
        {entry.links.map((link, i) => (
          <span key={link.href}>
            {i > 0 ? " · " : null}
            <Link href={link.href}>{t(`links.${link.label}`)}</Link>
          </span>
        ))}
      </p>
    </div>
  );
}
