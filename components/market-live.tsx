"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { createContext, useContext, useEffect, type ReactNode } from "react";
import { formatDurationMs, formatInteger, formatLots, formatPpbPercentExact, formatTicks, formatUsdMicros, formatUtc } from "@/lib/format";
import { publicMarketQueries } from "@/lib/queries/public-markets";
import type { StreamStatus } from "@/lib/queries/stream-status";
import { useMarketStream } from "@/lib/queries/use-market-stream";
import type { IndexTickWire, MarketFiguresWire, MarkTickWire } from "@/lib/wire/market-stream";
import type { FundingHistory, MarketDetail, MarketListRow, Volume24hWire } from "@/lib/wire/public-api";
import styles from "./market-pages.module.css";
import { StreamBadge } from "./stream-badge";

/**
 * The live state of one market page: the server's figures first (so the page reads without
 * JavaScript), then the market stream folded into TanStack Query's cache (useMarketStream). One
 * context per page so every live section shares one EventSource.
 */

export interface MarketPageInitial {
  detail: MarketDetail;
  /** Every market's row of GET /api/public/markets (the list query is shared with the overview). */
  listRows: MarketListRow[] | null;
  funding: FundingHistory | null;
  fundingError: string | null;
}

export interface MarkRecord {
  seq: number;
  atMs: number;
  data: MarkTickWire;
}

export interface MarketLiveValue {
  symbol: string;
  spec: MarketDetail["spec"];
  figures: MarketFiguresWire | null;
  /** Journal seq the figures describe (the stats message id); null while they are the server-rendered ones. */
  figuresSeq: number | null;
  mark: MarkRecord | null;
  index: (IndexTickWire & { seq: number | null }) | null;
  volume: Volume24hWire | null;
  funding: FundingHistory | null;
  fundingError: string | null;
  /** Engine time of the newest figures on screen. */
  engineNowMs: number;
  status: StreamStatus;
  /** Id of the newest stream message in the figures (0 before any). */
  lastMessageId: number;
  price: (ticks: number | null | undefined) => string;
  size: (lots: number | null | undefined) => string;
}

const MarketLiveContext = createContext<MarketLiveValue | null>(null);

export function useMarketLive(): MarketLiveValue {
  const value = useContext(MarketLiveContext);
  if (!value) throw new Error("useMarketLive outside MarketLiveProvider");
  return value;
}

export function MarketLiveProvider({ initial, children }: { initial: MarketPageInitial; children: ReactNode }) {
  const { detail } = initial;
  const symbol = detail.symbol;
  const { snapshot, status } = useMarketStream(symbol);
  const list = useQuery({ ...publicMarketQueries.list(), initialData: initial.listRows ?? undefined });
  const funding = useQuery({ ...publicMarketQueries.funding(symbol), initialData: initial.funding ?? undefined });
  const { refetch: refetchFunding } = funding;

  const settlement = snapshot?.latest.funding?.data.phase === "settlement" ? snapshot.latest.funding.id : null;
  useEffect(() => {
    // A settlement arrived on the stream: the history (read from the journal) has a new row.
    if (settlement !== null) void refetchFunding();
  }, [settlement, refetchFunding]);

  const stats = snapshot?.latest.stats;
  const markMessage = snapshot?.latest.mark;
  const indexMessage = snapshot?.latest.index;
  const initialMark = detail.mark ? markRecord(detail.mark) : null;
  const spec = detail.spec;
  const value: MarketLiveValue = {
    symbol,
    spec,
    figures: stats?.data ?? detail.figures,
    figuresSeq: stats?.id ?? null,
    mark: markMessage ? { seq: markMessage.id, atMs: markMessage.atMs, data: markMessage.data } : initialMark,
    index: indexMessage ? { ...indexMessage.data, seq: indexMessage.id } : initialIndex(detail.index),
    volume: list.data?.find((row) => row.symbol === symbol)?.volume24h ?? null,
    funding: funding.data ?? null,
    fundingError: funding.error?.message ?? (funding.data ? null : initial.fundingError),
    engineNowMs: Math.max(detail.engineTimeMs, snapshot?.atMs ?? 0),
    status,
    lastMessageId: snapshot?.id ?? 0,
    price: (ticks) => (typeof ticks === "number" && ticks > 0 ? `${formatTicks(ticks, spec.tickSize)} USD` : "—"),
    size: (lots) => (typeof lots === "number" ? `${formatLots(lots, spec.lotSize)} ${spec.baseAsset}` : "—"),
  };
  return <MarketLiveContext.Provider value={value}>{children}</MarketLiveContext.Provider>;
}

/** The server's mark record (the message's data with its seq and time) as the page holds it. */
function markRecord({ seq, atMs, ...data }: NonNullable<MarketDetail["mark"]>): MarkRecord {
  return { seq, atMs, data };
}

/** The server's index tick, when the engine has computed one. */
function initialIndex(index: MarketDetail["index"]): MarketLiveValue["index"] {
  return index.seq === null ? null : index;
}

export function MarketStatusBar() {
  const t = useTranslations("components.market");
  const live = useMarketLive();
  return (
    <p className={styles.statusBar}>
      <StreamBadge status={live.status} lastMessageId={live.lastMessageId} asOfMs={live.engineNowMs} />
      <span>
        {t.rich("engineTime", {
          time: formatUtc(live.engineNowMs),
          clock: (chunks) => <time dateTime={new Date(live.engineNowMs).toISOString()}>{chunks}</time>,
        })}
      </span>
    </p>
  );
}

/** The market page's words, as `useTranslations("components.market")` gives them. */
export type MarketText = ReturnType<typeof useTranslations<"components.market">>;

/** Time to the next funding, from the engine's clock as last published (never the browser's). */
export function fundingCountdown(t: MarketText, nextFundingMs: number | null | undefined, engineNowMs: number): string {
  if (!nextFundingMs) return "—";
  const left = nextFundingMs - engineNowMs;
  return left <= 0 ? t("dueNow") : t("inDuration", { duration: formatDurationMs(Math.floor(left / 1000) * 1000) });
}

/** A mark-price input's name (P1, P2, last trade); anything else as recorded. */
export function inputLabel(t: MarketText, name: string): string {
  return name === "p1" || name === "p2" || name === "last" ? t(`inputs.${name}`) : name;
}

/** Open-interest notional at the mark, micro-USD: lots × mark ticks × tickLotValue. */
export function openInterestNotional(lots: number, markTicks: number, tickLotValue: string): bigint {
  return BigInt(lots) * BigInt(markTicks) * BigInt(tickLotValue);
}

export function LiveKeyFigures() {
  const t = useTranslations("components.market");
  const live = useMarketLive();
  const f = live.figures;
  const markPrice = live.mark?.data.price ?? f?.mark;
  const chosen = live.mark?.data.chosen ?? null;
  return (
    <dl className={styles.figures} data-testid="key-figures" data-seq={live.figuresSeq ?? undefined}>
      <Figure label={t("figures.lastTrade")} value={live.price(f?.lastTrade)} />
      <Figure
        label={t("figures.markPrice")}
        value={live.price(markPrice)}
        hint={chosen ? t("figures.medianInput", { input: inputLabel(t, chosen) }) : undefined}
        testId="key-mark"
      />
      <Figure
        label={t("figures.indexPrice")}
        value={live.price(live.index?.price ?? f?.index)}
        hint={f && !f.indexValid ? t("figures.indexHeld") : undefined}
      />
      <Figure label={t("figures.bestBidAsk")} value={f ? `${live.price(f.bestBid)} / ${live.price(f.bestAsk)}` : "—"} />
      <Figure label={t("figures.fundingLast")} value={f ? formatPpbPercentExact(f.lastFundingRate) : "—"} hint={t("figures.perInterval")} />
      <Figure label={t("figures.predicted")} value={f ? formatPpbPercentExact(f.predictedFunding.rate) : "—"} hint={t("figures.settlesNext")} />
      <Figure
        label={t("figures.nextFunding")}
        value={fundingCountdown(t, f?.nextFundingMs, live.engineNowMs)}
        hint={f ? t("figures.at", { time: formatUtc(f.nextFundingMs) }) : undefined}
      />
      <Figure label={t("figures.openInterest")} value={f ? live.size(f.openInterestLongLots) : "—"} hint={t("figures.longEqualsShort")} />
      <Figure
        label={t("figures.volume24h")}
        value={live.volume ? live.size(live.volume.lots) : "—"}
        hint={live.volume ? t("figures.usdNotional", { amount: formatUsdMicros(live.volume.notional) }) : undefined}
      />
    </dl>
  );
}

/** A rate in ppb as an exact percentage with the ppb beside it, e.g. "0.01% (100,000 ppb)", "0.0012345% (12,345 ppb)". */
export function rateText(ppb: string): string {
  return `${formatPpbPercentExact(ppb)} (${formatInteger(ppb)} ppb)`;
}

export function LiveOpenInterest() {
  const t = useTranslations("components.market.openInterest");
  const live = useMarketLive();
  const f = live.figures;
  const mark = f?.mark ?? 0;
  if (!f) return <p>{t("noFigures")}</p>;
  return (
    <dl className={styles.figures}>
      <Figure label={t("long")} value={live.size(f.openInterestLongLots)} hint={t("lots", { lots: formatInteger(f.openInterestLongLots) })} />
      <Figure label={t("short")} value={live.size(f.openInterestShortLots)} hint={t("lots", { lots: formatInteger(f.openInterestShortLots) })} />
      <Figure
        label={t("notionalAtMark")}
        value={mark > 0 ? `${formatUsdMicros(openInterestNotional(f.openInterestLongLots, mark, live.spec.tickLotValue))} USD` : "—"}
        hint={t("oneSide")}
      />
      <Figure label={t("resting")} value={formatInteger(f.restingOrders)} />
    </dl>
  );
}

export function LiveVolume() {
  const t = useTranslations("components.market");
  const live = useMarketLive();
  const v = live.volume;
  if (!v) return <p>{t("volume.unavailable")}</p>;
  return (
    <dl className={styles.figures} data-testid="volume-24h">
      <Figure label={t("volume.trades")} value={formatInteger(v.trades)} />
      <Figure label={t("volume.quantity")} value={live.size(v.lots)} hint={t("openInterest.lots", { lots: formatInteger(v.lots) })} />
      <Figure label={t("volume.notional")} value={`${formatUsdMicros(v.notional)} USD`} hint={t("volume.sum")} />
      <Figure label={t("volume.window")} value={`${formatUtc(v.fromMs)} – ${formatUtc(v.toMs)}`} />
    </dl>
  );
}

export function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {value}
        {hint ? <small>{hint}</small> : null}
      </dd>
    </div>
  );
}
