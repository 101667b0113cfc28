"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { InsuranceChartPoint } from "@/components/charts/insurance-balance-chart";
import { plotUsd } from "@/components/charts/plot";
import { WhenVisible } from "@/components/when-visible";
import { formatPpbPercent, formatUsdMicros, formatUtc } from "@/lib/format";
import { insuranceFundQuery, useInsuranceFundStreams } from "@/lib/queries/insurance-fund";
import { publicMarketQueries } from "@/lib/queries/public-markets";
import { CONNECTING, type StreamStatus } from "@/lib/queries/stream-status";
import type { InsuranceFundMarket, InsuranceLedgerRow, MarketListRow } from "@/lib/wire/public-api";
import { StreamBadge } from "./stream-badge";

const InsuranceBalanceChart = dynamic(() => import("@/components/charts/insurance-balance-chart"), { ssr: false, loading: () => <p>Loading the chart…</p> });

/**
 * The live part of /disclosures/insurance-fund: per market the balance, floor and depleted flag,
 * a balance chart, the ledger of inflows and outflows, and the open-interest coverage ratio.
 * Data flow: GET /api/public/insurance-fund seeds TanStack Query's cache (polled every 15 s); each
 * market's SSE stream folds its "insurance" ledger lines and "stats" fund figures into that cache.
 */
export function InsuranceFundLive() {
  const fund = useQuery(insuranceFundQuery);
  const markets = useQuery(publicMarketQueries.list());
  const streams = useInsuranceFundStreams((fund.data?.markets ?? []).map((market) => market.symbol));

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
          stream={streams[market.symbol] ?? CONNECTING}
          marketRow={markets.data?.find((row) => row.symbol === market.symbol)}
          marketsError={markets.error?.message ?? null}
        />
      ))}
    </div>
  );
}

/** Why the fund moved, by the engine's reason code. */
const REASON_LABELS: Record<string, string> = {
  liquidation_fee: "Liquidation fee",
  backstop_compensation: "Backstop compensation",
  adl_compensation: "ADL compensation",
  negative_equity_cover: "Negative equity cover",
  funding_deposit: "Funding deposit",
};

const usd = (micros: string | null | undefined) => (micros === null || micros === undefined ? "—" : `${formatUsdMicros(micros)} USD`);

function FundPanel({
  market,
  stream,
  marketRow,
  marketsError,
}: {
  market: InsuranceFundMarket;
  stream: StreamStatus;
  marketRow: MarketListRow | undefined;
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
          <StreamBadge status={stream} />
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
function coverage(balance: string | null, row: MarketListRow | undefined, error: string | null): string {
  if (!row) return error ? `unavailable (${error})` : "—";
  if (balance === null || row.mark === null || !row.openInterestLots) return "—";
  const lots = BigInt(Math.max(row.openInterestLots.long, row.openInterestLots.short));
  const notional = lots * BigInt(row.mark) * BigInt(row.tickLotValue);
  if (notional === 0n) return "no open interest";
  return `${formatPpbPercent((BigInt(balance) * 1_000_000_000n) / notional, 2)} (of ${formatUsdMicros(notional)} USD notional)`;
}

function BalanceChart({ market }: { market: InsuranceFundMarket }) {
  const points: InsuranceChartPoint[] = market.history
    .flatMap((row) => (row.change === "deposited" ? [] : [{ atMs: row.atMs, seq: row.seq, dollars: plotUsd(row.balance), label: formatUsdMicros(row.balance) }]))
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
  const rows = history.flatMap((row) => (row.change === "deposited" ? [] : [row]));
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
              <td>{row.change === "depleted" ? "Depletion alert: fund at or below its floor" : (REASON_LABELS[row.reason] ?? row.reason)}</td>
              <td>{row.change === "changed" ? signed(row.delta) : "—"}</td>
              <td>{formatUsdMicros(row.balance)}</td>
              <td>{row.causeSeq}</td>
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

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
