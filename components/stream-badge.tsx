"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { formatDurationMs, formatUtc, formatUtcTime } from "@/lib/format";
import type { StreamStatus } from "@/lib/queries/stream-status";
import { useHydrated } from "./use-hydrated";

/** Connected but nothing received for this long: the figures may be old even though the stream is up (DISC-2). */
export const QUIET_AFTER_MS = 10_000;

/**
 * Where the figures on screen come from, worded the same on every page. Before JavaScript runs (or
 * without it) they are the server's snapshot; then "Live" while the stream delivers, and a stale
 * marker when it drops or goes quiet, so nobody mistakes old figures for current ones.
 *
 * `lastMessageId`: the id of the newest message the figures include (0 before any); when given, a
 * connected stream that has delivered nothing for QUIET_AFTER_MS is marked stale too. `asOfMs`: the
 * engine time of the server's snapshot. `compact`: the short wording, for a table cell.
 */
export function StreamBadge({
  status,
  lastMessageId,
  asOfMs = null,
  compact = false,
}: {
  status: StreamStatus;
  lastMessageId?: number;
  asOfMs?: number | null;
  compact?: boolean;
}) {
  const t = useTranslations("components.stream");
  const hydrated = useHydrated();
  const quietMs = useQuietMs(lastMessageId);
  if (!hydrated) {
    return <Badge>{compact ? t("snapshotCompact") : t("snapshot", { time: asOfMs ? formatUtc(asOfMs) : "none" })}</Badge>;
  }
  if (status.connected && (lastMessageId === undefined || quietMs < QUIET_AFTER_MS)) return <Badge tone="live">{t("live")}</Badge>;
  if (status.connected) {
    const duration = formatDurationMs(Math.floor(quietMs / 1000) * 1000);
    return <StaleBadge>{compact ? t("quietCompact", { duration }) : t("quiet", { duration })}</StaleBadge>;
  }
  if (status.staleSince !== null) {
    return <StaleBadge>{compact ? t("reconnectingCompact") : t("interrupted", { time: formatUtcTime(status.staleSince) })}</StaleBadge>;
  }
  return <Badge>{t("connecting")}</Badge>;
}

function StaleBadge({ children }: { children: string }) {
  return (
    <span role="status">
      <Badge tone="stale">{children}</Badge>
    </span>
  );
}

/** Wall ms since `id` last changed, re-read every second (the DISC-2 staleness check); 0 when not watched. */
function useQuietMs(id: number | undefined): number {
  const idRef = useRef(id);
  const [quietMs, setQuietMs] = useState(0);
  const watched = id !== undefined;
  useEffect(() => {
    idRef.current = id;
  }, [id]);
  useEffect(() => {
    if (!watched) return;
    let seenId = idRef.current;
    let seenAt = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      if (idRef.current !== seenId) {
        seenId = idRef.current;
        seenAt = now;
      }
      setQuietMs(now - seenAt);
    }, 1_000);
    return () => clearInterval(timer);
  }, [watched]);
  return quietMs;
}
