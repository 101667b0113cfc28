import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { currentFxFeed, STALE_AFTER_MS } from "@/lib/simulation/fx-feed";

export interface PublicFxSource {
  /** "demo": the labelled demo table; "feed": FX_SOURCE_URL; "engine": this process hosts no feed (a remote web instance). */
  source: "demo" | "feed" | "engine";
  hkdPerUsd: string | null;
  /** The feed's host name only (never a path or credentials). */
  feedHost: string | null;
  asOfMs: number | null;
  stale: boolean;
  staleAfterMinutes: number;
  problem: string | null;
}

/** COL-3: where the USD/HKD rate in force comes from, for the public collateral page. */
export function getFxSource({ ctx }: { ctx: ServiceContext }): PublicFxSource {
  authorizePublic(ctx);
  const feed = currentFxFeed();
  const staleAfterMinutes = STALE_AFTER_MS / 60_000;
  if (!feed) return { source: "engine", hkdPerUsd: null, feedHost: null, asOfMs: null, stale: false, staleAfterMinutes, problem: null };
  const status = feed.status();
  let feedHost: string | null = null;
  if (status.sourceUrl) {
    try {
      feedHost = new URL(status.sourceUrl).host;
    } catch {
      feedHost = null;
    }
  }
  return {
    source: status.sourceUrl === null ? "demo" : "feed",
    hkdPerUsd: status.quote?.hkdPerUsd ?? null,
    feedHost,
    asOfMs: status.quote?.asOfMs ?? null,
    stale: status.quote !== null && status.stale,
    staleAfterMinutes,
    problem: status.lastError,
  };
}
