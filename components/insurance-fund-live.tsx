"use client";

import { QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import { formatPpbPercent, formatUsdMicros, formatUtc } from "@/lib/format";
import { openMarketStream } from "@/lib/queries/market-event-source";
import { getQueryClient } from "@/lib/queries/query-client";
import type { InsuranceChartPoint } from "@/components/charts/insurance-balance-chart";
import { WhenVisible } from "@/components/when-visible";
import { plotUsd } from "@/components/charts/plot";
import type { PublicMessage } from "@/lib/simulation/public-types";
import {
  insuranceFundKey,
  insuranceFundQuery,
  mergeHistory,
  REASON_LABELS,
  type InsuranceFundAnswer,
  type InsuranceFundMarket,
  type InsuranceLedgerRow,
} from "./insurance-fund-data";

const InsuranceBalanceChart = dynamic(() => import("@/components/charts/insurance-balance-chart"), { ssr: false, loading: () => <p>Loading the chart…</p> });

/**
 * The live part of /disclosures/insurance-fund: per market the balance, floor and depleted flag,
 * a balance chart, the ledger of inflows and outflows, and the open-interest coverage ratio.
 * Data flow: GET /api/public/insurance-fund seeds TanStack Query's cache (polled every 15 s); each
 * market's SSE stream folds its "insurance" ledger lines and "stats" fund figures into that cache.
 */
export function InsuranceFundLive() {
  return (
    <QueryClientProvider client={getQueryClient()}>
      <InsuranceFundMarkets />
    </QueryClientProvider>
  );
}

interface PublicMarketRow {
  symbol: string;
  mark: number | null;
  tickLotValue: string;
  openInterestLots: { long: number; short: number } | null;
}

async function fetchMarkets(): Promise<PublicMarketRow[]> {
  const response = await fetch("/api/public/markets", { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `markets request failed with ${response.status}`);
  }
  return ((await response.json()) as { markets: PublicMarketRow[] }).markets;
}

type StreamState = "connecting" | "live" | "stale";

function InsuranceFundMarkets() {
  const fund = useQuery(insuranceFundQuery);
  const markets = useQuery({ queryKey: ["public-markets", "list"], queryFn: fetchMarkets, refetchInterval: 15_000 });
  const symbols = (fund.data?.markets ?? []).map((market) => market.symbol).join(",");
  const streams = useInsuranceStreams(symbols);

  if (fund.error && !fund.data) {
    return (
      <p className="alert alert--error" role="alert">
        Could not load the insurance fund: {fund.error.message}
      </p>
    );
  }
  if (!fund.data) return <p role="status">Loading the insurance fund…</p>;
  if (fund.data.markets.length === 0) return <p>No markets are configured.</p>;
  return (
    <div className="insurance-fund-markets">
      {fund.data.markets.map((market) => (
        <FundPanel
          key={market.symbol}
          market={market}
          stream={streams[market.symbol] ?? "connecting"}
          marketRow={markets.data?.find((row) => row.symbol === market.symbol)}
          marketsError={markets.error?.message ?? null}
        />
      ))}
    </div>
  );
}

/** One EventSource per market; "insurance" lines and "stats" fund figures go into the fund cache. */
function useInsuranceStreams(symbolList: string): Record<string, StreamState> {
  const queryClient = useQueryClient();
  const [states, setStates] = useState<Record<string, StreamState>>({});

  useEffect(() => {
    if (!symbolList) return;
    const update = (symbol: string, change: (market: InsuranceFundMarket) => InsuranceFundMarket) =>
      queryClient.setQueryData<InsuranceFundAnswer>(insuranceFundKey, (current) =>
        current ? { ...current, markets: current.markets.map((market) => (market.symbol === symbol ? change(market) : market)) } : current,
      );
    const closers = symbolList.split(",").map((symbol) =>
      openMarketStream(symbol, {
        events: {
          insurance: (event) => {
            const message = JSON.parse(event.data) as PublicMessage;
            const row = { seq: message.id, atMs: message.atMs, ...message.data } as InsuranceLedgerRow;
            update(symbol, (market) => ({
              ...market,
              balance: row.change !== "deposited" && row.balance !== undefined ? row.balance : market.balance,
              depleted: row.change === "depleted" ? true : market.depleted,
              history: mergeHistory([row], market.history),
            }));
          },
          stats: (event) => {
            const message = JSON.parse(event.data) as PublicMessage;
            const fund = message.data.insuranceFund as Partial<InsuranceFundMarket> | undefined;
            if (!fund) return;
            update(symbol, (market) => ({
              ...market,
              balance: fund.balance ?? market.balance,
              floor: fund.floor ?? market.floor,
              available: fund.available ?? market.available,
              depleted: fund.depleted ?? market.depleted,
              totalIn: fund.totalIn ?? market.totalIn,
              totalOut: fund.totalOut ?? market.totalOut,
            }));
          },
        },
        onOpen: () => setStates((previous) => ({ ...previous, [symbol]: "live" })),
        onError: () => setStates((previous) => ({ ...previous, [symbol]: "stale" })),
        // A reopened stream does not replay the ledger lines it missed; the REST answer has them.
        onReopen: () => void queryClient.invalidateQueries({ queryKey: insuranceFundKey }),
      }),
    );
    return () => closers.forEach((close) => close());
  }, [symbolList, queryClient]);

  return states;
}

const usd = (micros: string | null | undefined) => (micros === null || micros === undefined ? "—" : `${formatUsdMicros(micros)} USD`);

function FundPanel({
  market,
  stream,
  marketRow,
  marketsError,
}: {
  market: InsuranceFundMarket;
  stream: StreamState;
  marketRow: PublicMarketRow | undefined;
  marketsError: string | null;
}) {
  const headingId = `fund-${market.symbol}`;
  return (
    <section className="live-panel" aria-labelledby={headingId}>
      <header className="live-panel-header">
        <h2 id={headingId}>{market.symbol}</h2>
        <span>
          {market.depleted === true ? <span className="badge badge-stale">Depleted</span> : null}
          {market.depleted === false ? <span className="badge badge-live">Not depleted</span> : null}{" "}
          <StreamBadge state={stream} />
        </span>
      </header>
      <dl className="live-figures">
        <Figure label="Balance" value={usd(market.balance)} />
        <Figure label="Floor" value={usd(market.floor)} />
        <Figure label="Available (balance − floor)" value={usd(market.available)} />
        <Figure label="Depleted (at or below the floor)" value={market.depleted === null ? "unknown" : market.depleted ? "Yes" : "No"} />
        <Figure label="Total in (lifetime)" value={usd(market.totalIn)} />
        <Figure label="Total out (lifetime)" value={usd(market.totalOut)} />
        <Figure label="Coverage ratio (balance ÷ open-interest notional)" value={coverage(market.balance, marketRow, marketsError)} />
      </dl>
      <h3>Balance over engine time</h3>
      <BalanceChart market={market} />
      <h3>Inflows and outflows</h3>
      <LedgerTable history={market.history} />
    </section>
  );
}

/**
 * balance ÷ (open-interest lots × mark ticks × tickLotValue), all integers (micro-USD), as a
 * percentage with two decimals computed in BigInt. Open interest counts one side (long = short).
 */
function coverage(balance: string | null, row: PublicMarketRow | undefined, error: string | null): string {
  if (!row) return error ? `unavailable (${error})` : "—";
  if (balance === null || row.mark === null || !row.openInterestLots) return "—";
  const lots = BigInt(Math.max(row.openInterestLots.long, row.openInterestLots.short));
  const notional = lots * BigInt(row.mark) * BigInt(row.tickLotValue);
  if (notional === 0n) return "no open interest";
  return `${formatPpbPercent((BigInt(balance) * 1_000_000_000n) / notional, 2)} (of ${formatUsdMicros(notional)} USD notional)`;
}

function BalanceChart({ market }: { market: InsuranceFundMarket }) {
  const points: InsuranceChartPoint[] = market.history
    .filter((row): row is InsuranceLedgerRow & { balance: string } => row.change !== "deposited" && typeof row.balance === "string")
    .map((row) => ({ atMs: row.atMs, seq: row.seq, dollars: plotUsd(row.balance), label: formatUsdMicros(row.balance) }))
    .reverse();
  if (points.length < 2) return <p>Not enough ledger lines yet to draw a chart ({points.length} so far); the table below lists them.</p>;
  const floor = market.floor !== null ? plotUsd(market.floor) : null;
  return (
    <WhenVisible minHeight={300} placeholder={<p>The balance chart loads when you scroll to it; the ledger table below has every figure.</p>}>
      <InsuranceBalanceChart symbol={market.symbol} points={points} floor={floor} />
    </WhenVisible>
  );
}

function LedgerTable({ history }: { history: InsuranceLedgerRow[] }) {
  // "deposited" events are the top-up itself; its ledger line is the "changed" row with reason funding_deposit.
  const rows = history.filter((row) => row.change !== "deposited");
  if (rows.length === 0) return <p>No inflows or outflows recorded yet.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data-table">
        <caption className="visually-hidden">Insurance fund ledger, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event seq</th>
            <th scope="col">Engine time</th>
            <th scope="col">Reason</th>
            <th scope="col">Amount (USD)</th>
            <th scope="col">Balance after (USD)</th>
            <th scope="col">Cause seq</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.seq}>
              <td>{row.seq}</td>
              <td>{formatUtc(row.atMs)}</td>
              <td>{row.change === "depleted" ? "Depletion alert: fund at or below its floor" : (REASON_LABELS[row.reason ?? ""] ?? row.reason ?? "—")}</td>
              <td>{row.change === "changed" && row.delta !== undefined ? signed(row.delta) : "—"}</td>
              <td>{row.balance !== undefined ? formatUsdMicros(row.balance) : "—"}</td>
              <td>{row.causeSeq ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function signed(micros: string): string {
  const text = formatUsdMicros(micros);
  return micros.startsWith("-") ? text : `+${text}`;
}

function StreamBadge({ state }: { state: StreamState }) {
  if (state === "live") return <span className="badge badge-live">Live</span>;
  if (state === "stale")
    return (
      <span className="badge badge-stale" role="status">
        Stream interrupted — reconnecting; figures refresh every 15 s
      </span>
    );
  return <span className="badge">Connecting…</span>;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
