import type { StreamStatus } from "@/lib/queries/use-market-stream";

/**
 * The live/stale marker of a market stream. Before hydration (and without JavaScript) the figures
 * are the server-rendered ones, so the badge says so instead of claiming a live stream.
 */
export function StreamStatusBadge({ status, hydrated, renderedAtMs }: { status: StreamStatus; hydrated: boolean; renderedAtMs: number }) {
  if (!hydrated) return <span className="badge">As of {new Date(renderedAtMs).toISOString().slice(11, 19)} UTC (engine time)</span>;
  if (status.connected) return <span className="badge badge-live">Live</span>;
  if (status.staleSince !== null) {
    return (
      <span className="badge badge-stale" role="status">
        Stale since {new Date(status.staleSince).toISOString().slice(11, 19)} UTC — reconnecting; figures shown are the last received
      </span>
    );
  }
  return <span className="badge">Connecting…</span>;
}
