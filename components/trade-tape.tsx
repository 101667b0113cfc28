"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, type ReactNode } from "react";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { formatInteger, formatLots, formatTicks, formatUtc } from "@/lib/format";
import { marketQueries, TRADES_PAGE_SIZE } from "@/lib/queries/markets";
import { useMarketStream } from "@/lib/queries/use-market-stream";
import { RECENT_TRADES, type MarketSnapshot, type PublicMessageOf } from "@/lib/wire/market-stream";
import type { PublicTrade } from "@/lib/wire/public-api";
import { isUnfiltered, maxLotsFor, minLotsFor, tradeMatches, type TradeFilter, type TradeFlagFilter } from "@/lib/wire/trade-filter";
import { StreamBadge } from "./stream-badge";

function fromMessage({ id, atMs, data }: PublicMessageOf<"trade">): PublicTrade {
  return { seq: id, timeMs: atMs, ...data };
}

/** Trades received from the stream, by seq, plus where the stream may have skipped trades. */
interface LiveTrades {
  bySeq: Map<number, PublicTrade>;
  /** Seq of the oldest trade in the first snapshot: older trades come from REST pages below it. */
  anchor: number | null;
  anchorReady: boolean;
  /** Gaps: (newer, older) seq pairs between which the stream may have skipped trades. */
  gaps: { newerSeq: number; olderSeq: number }[];
}

const NO_LIVE: LiveTrades = { bySeq: new Map(), anchor: null, anchorReady: false, gaps: [] };

/**
 * Fold a new snapshot's recent-trades window into the accumulated live trades. The window slides
 * one trade at a time while the stream runs; if it jumped past everything we hold (a fresh snapshot
 * after a long break with a full window), trades in between may be missing: record a gap.
 */
function mergeSnapshot(live: LiveTrades, snapshot: MarketSnapshot): LiveTrades {
  const incoming = snapshot.trades.map(fromMessage);
  const bySeq = new Map(live.bySeq);
  let newestHeld: number | null = null;
  for (const seq of bySeq.keys()) if (newestHeld === null || seq > newestHeld) newestHeld = seq;
  let oldestIncoming: number | null = null;
  for (const trade of incoming) if (oldestIncoming === null || trade.seq < oldestIncoming) oldestIncoming = trade.seq;
  const gaps = [...live.gaps];
  if (live.anchorReady && newestHeld !== null && oldestIncoming !== null && oldestIncoming > newestHeld && incoming.length >= RECENT_TRADES) {
    gaps.push({ newerSeq: oldestIncoming, olderSeq: newestHeld });
  }
  for (const trade of incoming) bySeq.set(trade.seq, trade);
  if (live.anchorReady) return { ...live, bySeq, gaps };
  return { bySeq, anchor: oldestIncoming, anchorReady: true, gaps };
}

type SideFilter = "all" | "buy" | "sell";

interface FilterForm {
  afmm: boolean;
  risk: boolean;
  side: SideFilter;
  /** Sizes in base units, times as UTC date-times (datetime-local), as typed. */
  minSize: string;
  maxSize: string;
  from: string;
  to: string;
}

const EMPTY_FORM: FilterForm = { afmm: false, risk: false, side: "all", minSize: "", maxSize: "", from: "", to: "" };
const FILTER_DEBOUNCE_MS = 400;

type FilterErrorKey = "minSizeError" | "maxSizeError" | "maxBelowOneLot" | "sizeOrder" | "timeError" | "timeOrder";
type FilterErrors = Partial<Record<"minSize" | "maxSize" | "from" | "to", FilterErrorKey>>;

/** "2026-12-07T09:30" (a datetime-local value, read as UTC) → epoch ms, or null. */
function utcMs(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return null;
  const ms = Date.parse(`${text}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** The typed form as the search filter; a part that does not read is left out of the filter and named in `errors`. */
export function readFilterForm(form: FilterForm, lotSize: string | undefined): { filter: TradeFilter; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const flags: TradeFlagFilter[] = [...(form.afmm ? (["afmm"] as const) : []), ...(form.risk ? (["risk"] as const) : [])];
  let minLots: number | null = null;
  let maxLots: number | null = null;
  if (form.minSize.trim() !== "" && lotSize) {
    const lots = minLotsFor(form.minSize, lotSize);
    if (lots === null) errors.minSize = "minSizeError";
    else if (lots > 0n) minLots = Number(lots);
  }
  if (form.maxSize.trim() !== "" && lotSize) {
    const lots = maxLotsFor(form.maxSize, lotSize);
    if (lots === null) errors.maxSize = "maxSizeError";
    else if (lots === 0n) errors.maxSize = "maxBelowOneLot";
    else maxLots = Number(lots);
  }
  if (minLots !== null && maxLots !== null && maxLots < minLots) {
    errors.maxSize = "sizeOrder";
    maxLots = null;
  }
  const fromMs = form.from === "" ? null : utcMs(form.from);
  let toMs = form.to === "" ? null : utcMs(form.to);
  if (form.from !== "" && fromMs === null) errors.from = "timeError";
  if (form.to !== "" && toMs === null) errors.to = "timeError";
  if (fromMs !== null && toMs !== null && toMs <= fromMs) {
    errors.to = "timeOrder";
    toMs = null;
  }
  return { filter: { flags, side: form.side === "all" ? null : form.side, minLots, maxLots, fromMs, toMs }, errors };
}

/** `value` once it has stayed the same for `delayMs` (compared by content, so a re-created equal object does not restart the wait). */
function useDebounced(value: TradeFilter, delayMs: number): TradeFilter {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as TradeFilter), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}

function TextFilter({
  id,
  label,
  value,
  errors,
  onChange,
  decimal = false,
}: {
  id: string;
  label: string;
  value: string;
  errors: string[] | undefined;
  onChange: (value: string) => void;
  decimal?: boolean;
}) {
  return (
    <Field id={id} label={label} errors={errors}>
      <input
        id={id}
        type={decimal ? "text" : "datetime-local"}
        inputMode={decimal ? "decimal" : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid(errors)}
        aria-describedby={describedBy(id, undefined, errors)}
        size={decimal ? 10 : undefined}
      />
    </Field>
  );
}

/** The public trade tape of every market: one market at a time, chosen by the selector. */
export function TradeTape({ markets }: { markets: string[] }) {
  const t = useTranslations("components.tradeTape");
  const [market, setMarket] = useState(markets[0] ?? "");
  const selectId = useId();
  return (
    <>
      <div className="toolbar">
        <label htmlFor={selectId}>{t("market")}</label>
        <select id={selectId} value={market} onChange={(event) => setMarket(event.target.value)}>
          {markets.map((symbol) => (
            <option key={symbol} value={symbol}>
              {symbol}
            </option>
          ))}
        </select>
      </div>
      {market ? <MarketTape key={market} symbol={market} /> : <p>{t("noMarkets")}</p>}
    </>
  );
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

function MarketTape({ symbol }: { symbol: string }) {
  const t = useTranslations("components.tradeTape");
  const { snapshot, status, error: streamError } = useMarketStream(symbol);

  // Accumulate every trade the stream delivers (the snapshot only keeps the latest window).
  const [seenSnapshot, setSeenSnapshot] = useState<MarketSnapshot | undefined>(undefined);
  const [live, setLive] = useState<LiveTrades>(NO_LIVE);
  if (snapshot !== seenSnapshot) {
    setSeenSnapshot(snapshot);
    if (snapshot) setLive((current) => mergeSnapshot(current, snapshot));
  }

  // Older trades: REST pages strictly below the first snapshot's window, so the tape has no gap.
  const older = useInfiniteQuery(marketQueries.tradesBefore(symbol, live.anchor, live.anchorReady));

  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const ids = useId();

  const spec = snapshot?.latest.stats?.data.spec;
  const firstPage = older.data?.pages[0];
  const tickSize = firstPage?.tickSize ?? spec?.tickSize;
  const lotSize = firstPage?.lotSize ?? spec?.lotSize;
  const baseAsset = spec?.baseAsset ?? symbol.split("-")[0];

  // Typing is debounced before the server is asked; a part the reader got wrong is left out and named.
  const read = readFilterForm(form, lotSize);
  const filter = useDebounced(read.filter, FILTER_DEBOUNCE_MS);
  const searching = !isUnfiltered(filter);
  const search = useInfiniteQuery({ ...marketQueries.tradeSearch(symbol, filter), enabled: searching });

  const all = new Map<number, PublicTrade>();
  for (const [seq, trade] of live.bySeq) if (!searching || tradeMatches(trade, filter)) all.set(seq, trade);
  const pages = searching ? search.data?.pages : older.data?.pages;
  for (const page of pages ?? []) for (const trade of page.trades) if (!all.has(trade.seq)) all.set(trade.seq, trade);
  const trades = [...all.values()].sort((a, b) => b.seq - a.seq);
  const history = searching ? search : older;

  const price = (ticks: number) => (tickSize ? formatTicks(ticks, tickSize) : "—");
  const size = (lots: number) => (lotSize ? formatLots(lots, lotSize) : "—");
  const loading = !snapshot || (searching ? search.isPending : live.anchorReady && older.isPending);
  const loadError = (!snapshot && streamError) || history.error;
  const oldestShown = trades.length > 0 ? trades[trades.length - 1] : null;
  const set = (patch: Partial<FilterForm>) => setForm((current) => ({ ...current, ...patch }));
  const fieldErrors = (field: keyof FilterErrors) => (read.errors[field] ? [t(read.errors[field])] : undefined);

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <div className="toolbar">
        <h2 id={`${ids}-heading`} style={{ margin: 0 }}>
          {t("heading", { symbol })}
        </h2>
        <StreamBadge status={status} lastMessageId={snapshot?.id ?? 0} />
      </div>

      <fieldset className="filters">
        <legend>{t("filters")}</legend>
        <label>
          <input type="checkbox" checked={form.afmm} onChange={(event) => set({ afmm: event.target.checked })} /> {t("afmmOnly")}
        </label>
        <label>
          <input type="checkbox" checked={form.risk} onChange={(event) => set({ risk: event.target.checked })} /> {t("riskOnly")}
        </label>
        <Field id={`${ids}-side`} label={t("side")}>
          <select id={`${ids}-side`} value={form.side} onChange={(event) => set({ side: event.target.value as SideFilter })}>
            <option value="all">{t("sides.all")}</option>
            <option value="buy">{t("sides.buy")}</option>
            <option value="sell">{t("sides.sell")}</option>
          </select>
        </Field>
        <TextFilter
          id={`${ids}-min`}
          label={t("minSize", { asset: baseAsset })}
          value={form.minSize}
          errors={fieldErrors("minSize")}
          onChange={(minSize) => set({ minSize })}
          decimal
        />
        <TextFilter
          id={`${ids}-max`}
          label={t("maxSize", { asset: baseAsset })}
          value={form.maxSize}
          errors={fieldErrors("maxSize")}
          onChange={(maxSize) => set({ maxSize })}
          decimal
        />
        <TextFilter id={`${ids}-from`} label={t("from")} value={form.from} errors={fieldErrors("from")} onChange={(from) => set({ from })} />
        <TextFilter id={`${ids}-to`} label={t("to")} value={form.to} errors={fieldErrors("to")} onChange={(to) => set({ to })} />
      </fieldset>

      {live.gaps.length > 0 ? <p role="status">{t.rich("gapNotice", { strong })}</p> : null}
      {loadError ? <p role="alert">{t("loadError", { message: loadError.message })}</p> : null}
      {loading && !loadError ? <p>{t("loading")}</p> : null}

      {!loading ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption style={{ textAlign: "left", captionSide: "top", padding: "0.25rem 0" }}>
              {searching
                ? t("searchCaption", {
                    symbol,
                    shown: formatInteger(trades.length),
                    hasOldest: oldestShown ? "yes" : "no",
                    oldest: oldestShown ? formatUtc(oldestShown.timeMs, true) : "",
                    more: search.hasNextPage ? "yes" : "no",
                  })
                : t("caption", {
                    symbol,
                    loaded: formatInteger(trades.length),
                    hasOldest: oldestShown ? "yes" : "no",
                    oldest: oldestShown ? formatUtc(oldestShown.timeMs, true) : "",
                  })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.time")}</th>
                <th scope="col">{t("columns.price")}</th>
                <th scope="col">{t("columns.size", { asset: baseAsset })}</th>
                <th scope="col">{t("columns.aggressor")}</th>
                <th scope="col">{t("columns.flags")}</th>
                <th scope="col">{t("columns.id")}</th>
              </tr>
            </thead>
            <tbody>
              {trades.length === 0 ? (
                <tr>
                  <td colSpan={6}>{searching ? (search.hasNextPage ? t("noMatchYet") : t("noMatch")) : t("noTrades")}</td>
                </tr>
              ) : (
                trades.flatMap((trade) => {
                  const gap = live.gaps.find((g) => g.olderSeq === trade.seq);
                  const row = (
                    <tr key={trade.seq}>
                      <td>
                        <time dateTime={new Date(trade.timeMs).toISOString()}>{formatUtc(trade.timeMs, true)}</time>
                      </td>
                      <td>{price(trade.price)}</td>
                      <td>{size(trade.size)}</td>
                      <td>{trade.aggressor === "buy" ? t("buy") : t("sell")}</td>
                      <td>
                        <FlagTags flags={trade.flags} aggressor={trade.aggressor} />
                      </td>
                      <td>{trade.seq}</td>
                    </tr>
                  );
                  if (!gap) return [row];
                  return [
                    <tr key={`gap-${gap.olderSeq}`}>
                      <td colSpan={6}>{t.rich("gapRow", { older: String(gap.olderSeq), newer: String(gap.newerSeq), strong })}</td>
                    </tr>,
                    row,
                  ];
                })
              )}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="toolbar">
        {history.hasNextPage ? (
          <button type="button" className="button button--quiet" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage ? t("loadingOlder") : searching ? t("searchOlder") : t("loadOlder", { count: String(TRADES_PAGE_SIZE) })}
          </button>
        ) : !loading && history.isSuccess ? (
          <p>{searching ? t("endOfSearch") : t("startOfRecord")}</p>
        ) : null}
      </div>
    </section>
  );
}

function FlagTags({ flags, aggressor }: { flags: PublicTrade["flags"]; aggressor: PublicTrade["aggressor"] }) {
  const t = useTranslations("components.tradeTape.flag");
  const tags: { key: string; label: string; strong?: boolean }[] = [];
  if (flags.afmm) {
    // The taker is the aggressor: a taker AFMM is on the aggressor's side, a maker AFMM on the other.
    const side = aggressor === "buy" ? (flags.afmmSide === "taker" ? "buyer" : "seller") : flags.afmmSide === "taker" ? "seller" : "buyer";
    tags.push({ key: "afmm", label: t("afmm", { role: flags.afmmSide ?? "unknown", side }), strong: true });
  }
  if (flags.liquidation) tags.push({ key: "liq", label: t("liquidation") });
  if (flags.backstop) tags.push({ key: "backstop", label: t("backstop") });
  if (flags.adl) tags.push({ key: "adl", label: t("adl") });
  if (tags.length === 0) return <span aria-label={t("none")}>—</span>;
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: "0.25rem" }}>
      {tags.map((tag) => (
        <li key={tag.key} className={tag.strong ? "badge badge-stale" : "badge"}>
          {tag.strong ? <strong>{tag.label}</strong> : tag.label}
        </li>
      ))}
    </ul>
  );
}
