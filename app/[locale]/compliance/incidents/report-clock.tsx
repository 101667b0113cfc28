"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const SECOND_MS = 1_000;

export interface ReportClockProps {
  deadlineMs: number;
  /** When the page was rendered: the first render shows this instant, so server and browser agree. */
  renderedAtMs: number;
  /** Set once the report is published: the clock stops and says whether it was in time. */
  publishedAtMs: number | null;
  /** Below this much time left the clock turns amber (the first reminder to officers). */
  warnBeforeMs: number;
}

/**
 * The 24-hour reporting clock, counting down to the deadline every second and in red once it has
 * passed. A timer role, which screen readers do not announce on every tick.
 */
export function ReportClock({ deadlineMs, renderedAtMs, publishedAtMs, warnBeforeMs }: ReportClockProps) {
  const t = useTranslations("compliance.incidents.clock");
  const [nowMs, setNowMs] = useState(renderedAtMs);
  useEffect(() => {
    if (publishedAtMs !== null) return;
    const timer = setInterval(() => setNowMs(Date.now()), SECOND_MS);
    return () => clearInterval(timer);
  }, [publishedAtMs]);

  const duration = (ms: number) => {
    const seconds = Math.floor(Math.abs(ms) / SECOND_MS);
    return t("duration", { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 });
  };
  if (publishedAtMs !== null) {
    const spareMs = deadlineMs - publishedAtMs;
    return spareMs >= 0 ? (
      <span className="pill pill--ok">{t("publishedOnTime", { time: duration(spareMs) })}</span>
    ) : (
      <span className="pill pill--high">{t("publishedLate", { time: duration(spareMs) })}</span>
    );
  }
  const leftMs = deadlineMs - nowMs;
  if (leftMs <= 0)
    return (
      <span role="timer" className="pill pill--high" data-testid="report-clock">
        {t("overdueBy", { time: duration(leftMs) })}
      </span>
    );
  return (
    <span role="timer" className={leftMs <= warnBeforeMs ? "pill pill--warn" : "pill"} data-testid="report-clock">
      {t("left", { time: duration(leftMs) })}
    </span>
  );
}
