"use client";

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
  const [from, setFrom] = useState(formatUtcInputValue(defaultFromMs));
  const [to, setTo] = useState(formatUtcInputValue(defaultToMs));
  const action = `/api/public/markets/${encodeURIComponent(symbol)}/mark-trail`;
  const href = (format: "csv" | "json") => `${action}?${new URLSearchParams({ from: `${from}Z`, to: `${to}Z`, format }).toString()}`;
  return (
    <>
      <form method="get" action={action} className={styles.download} aria-label="Download the mark and index audit trail">
        <div>
          <label htmlFor="trail-from">From (UTC, engine time)</label>
          <input id="trail-from" name="from" type="datetime-local" step={1} value={from} onChange={(event) => setFrom(event.target.value)} required />
        </div>
        <div>
          <label htmlFor="trail-to">To (UTC, engine time)</label>
          <input id="trail-to" name="to" type="datetime-local" step={1} value={to} onChange={(event) => setTo(event.target.value)} required />
        </div>
        <button type="submit" name="format" value="csv" className="button">
          Download CSV
        </button>
        <button type="submit" name="format" value="json" className="button button--quiet">
          Open JSON
        </button>
      </form>
      <p>
        Direct links for this window:{" "}
        <a href={href("csv")} data-testid="trail-csv">
          CSV
        </a>{" "}
        ·{" "}
        <a href={href("json")} data-testid="trail-json">
          JSON
        </a>
        . A window may span up to {formatDurationMs(maxWindowMs)}; one answer holds at most {formatInteger(maxRows)} records, and a longer window
        names the next page (<code>next</code> in JSON, a <code>Link</code> header on CSV).
      </p>
    </>
  );
}
