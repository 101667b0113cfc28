"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatDurationMs, formatInteger, formatUtcInputValue } from "@/lib/format";
import styles from "./market-pages.module.css";

/**
 * Download of the mark/index audit trail for a window. A plain GET form to the public API, so it
 * works without JavaScript (datetime-local values carry no offset and the API reads them as UTC);
 * with JavaScript the two links follow the fields as they change.
 */
export function MarkTrailDownload({
  symbol,
  defaultFromMs,
  defaultToMs,
  maxWindowMs,
  maxRows,
}: {
  symbol: string;
  defaultFromMs: number;
  defaultToMs: number;
  maxWindowMs: number;
  maxRows: number;
}) {
  const t = useTranslations("components.markTrail");
  const [from, setFrom] = useState(formatUtcInputValue(defaultFromMs));
  const [to, setTo] = useState(formatUtcInputValue(defaultToMs));
  const action = `/api/public/markets/${encodeURIComponent(symbol)}/mark-trail`;
  const href = (format: "csv" | "json") => `${action}?${new URLSearchParams({ from: `${from}Z`, to: `${to}Z`, format }).toString()}`;
  return (
    <>
      <form method="get" action={action} className={styles.download} aria-label={t("formLabel")}>
        <div>
          <label htmlFor="trail-from">{t("from")}</label>
          <input id="trail-from" name="from" type="datetime-local" step={1} value={from} onChange={(event) => setFrom(event.target.value)} required />
        </div>
        <div>
          <label htmlFor="trail-to">{t("to")}</label>
          <input id="trail-to" name="to" type="datetime-local" step={1} value={to} onChange={(event) => setTo(event.target.value)} required />
        </div>
        <button type="submit" name="format" value="csv" className="button">
          {t("downloadCsv")}
        </button>
        <button type="submit" name="format" value="json" className="button button--quiet">
          {t("openJson")}
        </button>
      </form>
      <p>
        {t.rich("links", {
          window: formatDurationMs(maxWindowMs),
          rows: formatInteger(maxRows),
          csv: (chunks) => (
            <a href={href("csv")} data-testid="trail-csv">
              {chunks}
            </a>
          ),
          json: (chunks) => (
            <a href={href("json")} data-testid="trail-json">
              {chunks}
            </a>
          ),
          code: (chunks) => <code>{chunks}</code>,
        })}
      </p>
    </>
  );
}
