import type { Metadata } from "next";
import { DEFAULT_ENGINE_CONFIG } from "@/lib/engine/index";
import { PUBLIC_API_CONVENTIONS, PUBLIC_API_ENDPOINTS, PUBLIC_API_RATE_LIMIT } from "@/lib/services/public-market-data/api-reference";

export const metadata: Metadata = { title: "Public API" };

const exampleSymbol = DEFAULT_ENGINE_CONFIG.markets[0].symbol;
const anchorOf = (path: string) => `endpoint-${path.replace(/^\/api\/public\//, "").replace(/[{}]/g, "").replace(/\//g, "-")}`;

/**
 * Issue 6 pt 11: the reference of the free public API, rendered from the same object the test checks
 * against the route files (api-reference.ts), with every limit read from the constant the code
 * enforces. Static: it works without JavaScript and needs no engine.
 */
export default function PublicApiPage() {
  return (
    <article className="section-page wide-page">
      <h1>Public API</h1>
      <p className="lead">
        Everything on these disclosure pages is also available as JSON, free and without signing in, together with a live event
        stream per market. The pages read the same answers, so a figure on a page and in the API are the same figure.
      </p>

      <section aria-labelledby="api-rules">
        <h2 id="api-rules">Rules and units</h2>
        <dl className="facts">
          {PUBLIC_API_CONVENTIONS.map((convention) => (
            <div key={convention.term}>
              <dt>{convention.term}</dt>
              <dd>{convention.meaning}</dd>
            </div>
          ))}
          <div>
            <dt>Rate limit</dt>
            <dd>{PUBLIC_API_RATE_LIMIT.text}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="api-endpoints">
        <h2 id="api-endpoints">Endpoints</h2>
        <div className="table-wrap">
          <table className="table" aria-labelledby="api-endpoints">
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Answer</th>
                <th scope="col">What it gives</th>
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
                  <td>{endpoint.format}</td>
                  <td>{endpoint.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {PUBLIC_API_ENDPOINTS.map((endpoint) => {
          const example = `${endpoint.path.replace("{symbol}", exampleSymbol)}${endpoint.exampleQuery ?? ""}`;
          return (
            <section key={endpoint.path} id={anchorOf(endpoint.path)} aria-labelledby={`${anchorOf(endpoint.path)}-title`} className="stack">
              <h3 id={`${anchorOf(endpoint.path)}-title`}>
                <code>GET {endpoint.path}</code>
              </h3>
              <p>
                {endpoint.summary} {endpoint.format}. Requirements: {endpoint.requirements.join(", ")}. Rate-limit family: <code>{endpoint.family}</code>.
              </p>
              {endpoint.parameters.length > 0 ? (
                <dl className="facts">
                  {endpoint.parameters.map((parameter) => (
                    <div key={parameter.name}>
                      <dt>
                        <code>{parameter.name}</code>
                      </dt>
                      <dd>{parameter.description}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p>No parameters.</p>
              )}
              <p>{endpoint.returns}</p>
              <p>
                Try it:{" "}
                {endpoint.format === "Server-Sent Events" ? (
                  <>
                    from a terminal, <code>curl -N</code> with this site&apos;s address followed by <code>{example}</code>
                  </>
                ) : (
                  <a href={example} data-testid="api-example">
                    <code>{example}</code>
                  </a>
                )}
              </p>
            </section>
          );
        })}
      </section>
    </article>
  );
}
