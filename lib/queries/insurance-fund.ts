"use client";

import { queryOptions, type QueryClient } from "@tanstack/react-query";
import type { PublicMessage } from "@/lib/wire/market-stream";
import type { InsuranceFundAnswer, InsuranceFundMarket, InsuranceLedgerRow } from "@/lib/wire/public-api";
import { fetchJson } from "./fetch-json";
import type { MarketMessageHandlers } from "./market-event-source";
import { useMarketStreamStatuses } from "./use-market-streams";
import type { StreamStatus } from "./stream-status";

/**
 * The public insurance fund (GET /api/public/insurance-fund) and its one query, shared by the
 * site-wide depletion banner and /disclosures/insurance-fund so both read the same cache entry; the
 * fund page also folds the market streams into it.
 */

export const insuranceFundKey = ["insurance-fund"] as const;

/** Ledger rows kept in the browser per market (the API returns the latest 50; the stream adds more). */
export const MAX_LEDGER_ROWS = 1_000;

/** Merge two histories by event seq, newest first, capped. */
export function mergeHistory(a: InsuranceLedgerRow[], b: InsuranceLedgerRow[]): InsuranceLedgerRow[] {
  const bySeq = new Map<number, InsuranceLedgerRow>();
  for (const row of [...a, ...b]) bySeq.set(row.seq, row);
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq).slice(0, MAX_LEDGER_ROWS);
}

/**
 * Polled every 15 s. A poll takes the figures from the server but keeps ledger rows it already had
 * (merged by seq), so rows that arrived live do not vanish when they fall out of the API's latest 50.
 */
export const insuranceFundQuery = queryOptions({
  queryKey: insuranceFundKey,
  queryFn: () => fetchJson<InsuranceFundAnswer>("/api/public/insurance-fund"),
  refetchInterval: 15_000,
  staleTime: 10_000,
  structuralSharing: (oldData: unknown, newData: unknown) => {
    const previous = oldData as InsuranceFundAnswer | undefined;
    const next = newData as InsuranceFundAnswer;
    if (!previous) return next;
    return {
      ...next,
      markets: next.markets.map((market) => {
        const old = previous.markets.find((candidate) => candidate.symbol === market.symbol);
        return old ? { ...market, history: mergeHistory(market.history, old.history) } : market;
      }),
    };
  },
});

/** A market's fund with one stream message folded in: a ledger line, or the figures of a "stats" message. */
export function foldedFundMarket(market: InsuranceFundMarket, message: PublicMessage): InsuranceFundMarket {
  switch (message.kind) {
    case "insurance": {
      const row: InsuranceLedgerRow = { seq: message.id, atMs: message.atMs, ...message.data };
      return {
        ...market,
        // A deposit event carries no balance: its own "changed" ledger line does.
        balance: row.change === "deposited" ? market.balance : row.balance,
        depleted: row.change === "depleted" ? true : market.depleted,
        history: mergeHistory([row], market.history),
      };
    }
    case "stats": {
      const fund = message.data.insuranceFund;
      return {
        ...market,
        balance: fund.balance,
        floor: fund.floor,
        available: fund.available,
        depleted: fund.depleted,
        totalIn: fund.totalIn,
        totalOut: fund.totalOut,
      };
    }
    default:
      return market;
  }
}

function insuranceFundCacheHandlers(queryClient: QueryClient, symbol: string): MarketMessageHandlers {
  return {
    onMessage: (message) =>
      queryClient.setQueryData<InsuranceFundAnswer>(insuranceFundKey, (current) =>
        current ? { ...current, markets: current.markets.map((market) => (market.symbol === symbol ? foldedFundMarket(market, message) : market)) } : current,
      ),
    // A reopened stream does not replay the ledger lines it missed; the REST answer has them.
    onReopen: () => void queryClient.invalidateQueries({ queryKey: insuranceFundKey }),
  };
}

/** Each market's stream folded into the insurance fund cache; returns each stream's status by symbol. */
export function useInsuranceFundStreams(symbols: readonly string[]): Record<string, StreamStatus> {
  return useMarketStreamStatuses(symbols, insuranceFundCacheHandlers);
}
