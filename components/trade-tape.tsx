"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import { describedBy, Field, invalid } from "@/components/ui/field";
import { formatInteger, formatLots, formatTicks, formatUtc } from "@/lib/format";
import { marketQueries, TRADES_PAGE_SIZE } from "@/lib/queries/markets";
import { useMarketStream } from "@/lib/queries/use-market-stream";
import { RECENT_TRADES, type MarketSnapshot, type PublicMessageOf } from "@/lib/wire/market-stream";
import type { PublicTrade } from "@/lib/wire/public-api";
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

/** Decimal string ("0.015") → integer in units of 10^-decimals, or null when it is not a plain decimal. */
function parseScaled(text: string, decimals: number): bigint | null {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return null;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) {
    // More precision than the step: round the threshold up so "at least" stays exact.
    const kept = BigInt((match[1] || "0") + fraction.slice(0, decimals).padEnd(decimals, "0"));
    return kept + 1n;
  }
  return BigInt((match[1] || "0") + fraction.padEnd(decimals, "0"));
}

/** Minimum size in base units → minimum lots (rounded up), or null if the text is not a number. */
export function minLotsFor(text: string, lotSize: string): bigint | null {
  const [intPart, fracPart = ""] = lotSize.split(".");
  const decimals = fracPart.length;
  const step = BigInt(intPart + fracPart);
  const scaled = parseScaled(text, decimals);
  if (scaled === null || step === 0n) return null;
  return (scaled + step - 1n) / step;
}

type SideFilter = "all" | "buy" | "sell";

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

  const [afmmOnly, setAfmmOnly] = useState(false);
  const [riskOnly, setRiskOnly] = useState(false);
  const [side, setSide] = useState<SideFilter>("all");
  const [minSize, setMinSize] = useState("");
  const ids = useId();

  const spec = snapshot?.latest.stats?.data.spec;
  const firstPage = older.data?.pages[0];
  const tickSize = firstPage?.tickSize ?? spec?.tickSize;
  const lotSize = firstPage?.lotSize ?? spec?.lotSize;
  const baseAsset = spec?.baseAsset ?? symbol.split("-")[0];

  const all = new Map(live.bySeq);
  for (const page of older.data?.pages ?? []) for (const trade of page.trades) if (!all.has(trade.seq)) all.set(trade.seq, trade);
  const trades = [...all.values()].sort((a, b) => b.seq - a.seq);

  const minLots = minSize.trim() === "" || !lotSize ? null : minLotsFor(minSize, lotSize);
  const minSizeInvalid = minSize.trim() !== "" && lotSize !== undefined && minLots === null;
  const minSizeErrors = minSizeInvalid ? [t("minSizeError")] : undefined;
  const shown = trades.filter(
    (trade) =>
      (!afmmOnly || trade.flags.afmm) &&
      (!riskOnly || trade.flags.liquidation || trade.flags.backstop || trade.flags.adl) &&
      (side === "all" || trade.aggressor === side) &&
      (minLots === null || BigInt(trade.size) >= minLots),
  );

  const price = (ticks: number) => (tickSize ? formatTicks(ticks, tickSize) : "—");
  const size = (lots: number) => (lotSize ? formatLots(lots, lotSize) : "—");
  const loading = !snapshot || (live.anchorReady && older.isPending);
  const loadError = (!snapshot && streamError) || older.error;
  const oldestShown = trades.length > 0 ? trades[trades.length - 1] : null;

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
          <input type="checkbox" checked={afmmOnly} onChange={(event) => setAfmmOnly(event.target.checked)} /> {t("afmmOnly")}
        </label>
        <label>
          <input type="checkbox" checked={riskOnly} onChange={(event) => setRiskOnly(event.target.checked)} /> {t("riskOnly")}
        </label>
        <Field id={`${ids}-side`} label={t("side")}>
          <select id={`${ids}-side`} value={side} onChange={(event) => setSide(event.target.value as SideFilter)}>
            <option value="all">{t("sides.all")}</option>
            <option value="buy">{t("sides.buy")}</option>
            <option value="sell">{t("sides.sell")}</option>
          </select>
        </Field>
        <Field id={`${ids}-min`} label={t("minSize", { asset: baseAsset })} errors={minSizeErrors}>
          <input
            id={`${ids}-min`}
            inputMode="decimal"
            value={minSize}
            onChange={(event) => setMinSize(event.target.value)}
            aria-invalid={invalid(minSizeErrors)}
            aria-describedby={describedBy(`${ids}-min`, undefined, minSizeErrors)}
            size={10}
          />
        </Field>
      </fieldset>

      {live.gaps.length > 0 ? <p role="status">{t.rich("gapNotice", { strong })}</p> : null}
      {loadError ? <p role="alert">{t("loadError", { message: loadError.message })}</p> : null}
      {loading && !loadError ? <p>{t("loading")}</p> : null}

      {!loading ? (
        <table className="data-table">
          <caption style={{ textAlign: "left", captionSide: "top", padding: "0.25rem 0" }}>
            {t("caption", {
              symbol,
              shown: formatInteger(shown.length),
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
            {shown.length === 0 ? (
              <tr>
                <td colSpan={6}>{trades.length === 0 ? t("noTrades") : t("noMatch")}</td>
              </tr>
            ) : (
              shown.flatMap((trade) => {
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
      ) : null}

      <div className="toolbar">
        {older.hasNextPage ? (
          <button type="button" className="button button--quiet" onClick={() => void older.fetchNextPage()} disabled={older.isFetchingNextPage}>
            {older.isFetchingNextPage ? t("loadingOlder") : t("loadOlder", { count: String(TRADES_PAGE_SIZE) })}
          </button>
        ) : !loading && older.isSuccess ? (
          <p>{t("startOfRecord")}</p>
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
