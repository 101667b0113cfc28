import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TableShell } from "@/components/ui/table-shell";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { env } from "@/lib/env";
import {
  PUBLIC_API_CONVENTIONS,
  PUBLIC_API_ENDPOINTS,
  PUBLIC_API_FORMATS,
  PUBLIC_API_RATE_LIMIT,
  renderReferenceText,
  type ReferenceText,
} from "@/lib/transport/public-api-reference";
import { code } from "../rich-text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("disclosures.api");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

const exampleSymbol = DEFAULT_ENGINE_CONFIG.markets[0].symbol;
const anchorOf = (path: string) =>
  `endpoint-${path
    .replace(/^\/api\/public\//, "")
    .replace(/[{}]/g, "")
    .replace(/\//g, "-")}`;

/**
 * The reference of the free public API, rendered from the same object the test checks against the
 * route files (lib/transport/public-api-reference.ts), with every limit read from the constant the code
 * enforces and its prose from the catalogue (disclosures.api.reference) in the reader's language.
 * It works without JavaScript and needs no engine. Rendered per request, not at build time: how far
 * back records are served is the archive's hot window (JOURNAL_HOT_HOURS), which the running portal's
 * configuration sets.
 */
export default async function PublicApiPage() {
  const t = await getTranslations("disclosures.api");
  const reference = await getTranslations("disclosures.api.reference");
  const say = (text: ReferenceText) => renderReferenceText(text, (key, values) => reference(key, values));
  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section aria-labelledby="api-rules">
        <h2 id="api-rules">{t("rulesHeading")}</h2>
        <dl className="facts">
          {PUBLIC_API_CONVENTIONS.map((convention) => (
            <div key={convention.id}>
              <dt>{say(convention.term)}</dt>
              <dd>{say(convention.meaning)}</dd>
            </div>
          ))}
          <div>
            <dt>{t("rateLimit")}</dt>
            <dd>{say(PUBLIC_API_RATE_LIMIT.description)}</dd>
          </div>
          <div>
            <dt>{t("historyKept")}</dt>
            <dd>{t("historyKeptText", { hours: env().JOURNAL_HOT_HOURS })}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="api-endpoints">
        <h2 id="api-endpoints">{t("endpointsHeading")}</h2>
        <TableShell caption={t("endpointsHeading")}>
          <thead>
            <tr>
              <th scope="col">{t("columns.endpoint")}</th>
              <th scope="col">{t("columns.answer")}</th>
              <th scope="col">{t("columns.gives")}</th>
            </tr>
          </thead>
          <tbody>
            {PUBLIC_API_ENDPOINTS.map((endpoint) => (
              <tr key={endpoint.path}>
                <td>
                  <a href={`#${anchorOf(endpoint.path)}`}>
                    <code>GET {endpoint.path}</code>
                  </a>
                </td>
                <td>{say(PUBLIC_API_FORMATS[endpoint.format])}</td>
                <td>{say(endpoint.summary)}</td>
              </tr>
            ))}
          </tbody>
        </TableShell>
        {PUBLIC_API_ENDPOINTS.map((endpoint) => {
          const example = `${endpoint.path.replace("{symbol}", exampleSymbol)}${endpoint.exampleQuery ?? ""}`;
          return (
            <section key={endpoint.path} id={anchorOf(endpoint.path)} aria-labelledby={`${anchorOf(endpoint.path)}-title`} className="stack">
              <h3 id={`${anchorOf(endpoint.path)}-title`}>
                <code>GET {endpoint.path}</code>
              </h3>
              <p>
                {t.rich("endpoint", {
                  summary: say(endpoint.summary),
                  format: say(PUBLIC_API_FORMATS[endpoint.format]),
                  requirements: endpoint.requirements.join(", "),
                  family: endpoint.family,
                  code,
                })}
              </p>
              {endpoint.parameters.length > 0 ? (
                <dl className="facts">
                  {endpoint.parameters.map((parameter) => (
                    <div key={parameter.name}>
                      <dt>
                        <code>{parameter.name}</code>
                      </dt>
                      <dd>{say(parameter.description)}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p>{t("noParameters")}</p>
              )}
              <p>{say(endpoint.returns)}</p>
              <p>
                {endpoint.format === "Server-Sent Events"
                  ? t.rich("tryStream", { command: "curl -N", example, code })
                  : t.rich("tryLink", {
                      example,
                      // An API address, not a page: no locale prefix.
                      link: (chunks) => (
                        <a href={example} data-testid="api-example">
                          <code>{chunks}</code>
                        </a>
                      ),
                    })}
              </p>
            </section>
          );
        })}
      </section>
    </article>
  );
}
