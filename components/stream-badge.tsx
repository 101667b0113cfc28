"use client";

import { formatDurationMs, formatUtc } from "@/lib/format";
import type { StreamStatus } from "@/lib/queries/use-market-stream";
import { useHydrated } from "./use-hydrated";

/** Connected but nothing received for this long: the figures may be old even though the stream is up (DISC-2). */
export const QUIET_AFTER_MS = 10_000;

/**
 * Where the figures on screen come from. Before JavaScript runs (or without it) they are the
 * server's snapshot at `asOfMs`; then "Live" while the stream delivers, and a stale marker when it
 * drops or goes quiet, so nobody mistakes old figures for current ones.
 */
export function StreamBadge({ status, asOfMs, quietMs, compact = false }: { status: StreamStatus; asOfMs: number | null; quietMs: number; compact?: boolean }) {
  const hydrated = useHydrated();
  const asOf = asOfMs ? ` (engine time ${formatUtc(asOfMs)})` : "";
  if (!hydrated) return <span className="badge">{compact ? "Snapshot" : "Snapshot when the page was served; live updates need JavaScript"}</span>;
  if (status.connected && quietMs < QUIET_AFTER_MS) return <span className="badge badge-live">Live</span>;
  if (compact && (status.connected || status.staleSince !== null)) {
    return (
      <span className="badge badge-stale" role="status">
        Stale{status.connected ? `: no update for ${formatDurationMs(Math.floor(quietMs / 1000) * 1000)}` : ": reconnecting"}
      </span>
    );
  }
  if (status.connected) {
    return (
      <span className="badge badge-stale" role="status">
        Stale: no update for {formatDurationMs(Math.floor(quietMs / 1000) * 1000)}{asOf}
      </span>
    );
  }
  if (status.staleSince !== null) {
    return (
      <span className="badge badge-stale" role="status">
        Stale: stream interrupted since {new Date(status.staleSince).toLocaleTimeString("en-GB")}, reconnecting; figures as of the last update{asOf}
      </span>
    );
  }
  return <span className="badge">Connecting…</span>;
}
