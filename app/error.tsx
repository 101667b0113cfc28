"use client";

import Link from "next/link";
import { useEffect } from "react";

/** Shown when a page fails while rendering. The layout (header, nav, footer) stays in place. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  // Server errors reach the browser without their message in production; the digest matches the server log.
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : undefined;

  return (
    <div className="container section">
      <article className="section-page" role="alert">
        <h1>Something went wrong</h1>
        <p className="lead">This page could not be shown because of an error on our side. You can try again; if it keeps failing, come back later.</p>
        {digest ? (
          <p className="muted">
            Error reference: <code>{digest}</code> (quote it when reporting the problem).
          </p>
        ) : null}
        <p>
          <button type="button" className="button" onClick={() => retry()}>
            Try again
          </button>{" "}
          or <Link href="/">go to the home page</Link>.
        </p>
      </article>
    </div>
  );
}
