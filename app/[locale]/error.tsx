"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Link } from "@/lib/i18n/navigation";

/** Shown when a page fails while rendering. The layout (header, nav, footer) stays in place. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("common.error");
  useEffect(() => {
    console.error(error);
  }, [error]);

  // Server errors reach the browser without their message in production; the digest matches the server log.
  const digest = typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;

  return (
    <div className="container section">
      <article className="section-page" role="alert">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        {digest ? <p className="muted">{t.rich("reference", { digest, code: (chunks) => <code>{chunks}</code> })}</p> : null}
        <p>
          <button type="button" className="button" onClick={() => retry()}>
            {t("retry")}
          </button>{" "}
          {t.rich("orHome", { home: (chunks) => <Link href="/">{chunks}</Link> })}
        </p>
      </article>
    </div>
  );
}
