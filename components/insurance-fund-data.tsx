import { queryOptions } from "@tanstack/react-query";

/**
 * The public insurance-fund answer (GET /api/public/insurance-fund) and its one query, shared by the
 * site-wide depletion banner and /disclosures/insurance-fund so both read the same cache entry.
 * Money is micro-USD as decimal strings; times are epoch ms of engine time.
 */

export interface InsuranceLedgerRow {
  seq: number;
  atMs: number;
  /** changed = a ledger line with a reason; deposited = the platform top-up event (its ledger line is a separate "changed" row); depleted = the fund reached its floor. */
  change: "changed" | "deposited" | "depleted";
  delta?: string;
  balance?: string;
  floor?: string;
  reason?: string;
  causeSeq?: number;
  fundingId?: string;
}

export interface InsuranceFundMarket {
  symbol: string;
  balance: string | null;
  floor: string | null;
  available: string | null;
  depleted: boolean | null;
  totalIn: string | null;
  totalOut: string | null;
  /** Newest first. */
  history: InsuranceLedgerRow[];
}

export interface InsuranceFundAnswer {
  historyRows: number;
  markets: InsuranceFundMarket[];
}

export const insuranceFundKey = ["insurance-fund"] as const;

export async function fetchInsuranceFund(): Promise<InsuranceFundAnswer> {
  const response = await fetch("/api/public/insurance-fund", { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `insurance fund request failed with ${response.status}`);
  }
  return (await response.json()) as InsuranceFundAnswer;
}

/** Ledger rows kept in the browser per market (the API returns the latest 50; the stream adds more). */
export const MAX_LEDGER_ROWS = 1_000;

/** Merge two histories by event seq, newest first, capped. */
export function mergeHistory(a: InsuranceLedgerRow[], b: InsuranceLedgerRow[]): InsuranceLedgerRow[] {
  const bySeq = new Map<number, InsuranceLedgerRow>();
  for (const row of [...a, ...b]) bySeq.set(row.seq, row);
  return [...bySeq.values()].sort((x, y) => y.seq - x.seq).slice(0, MAX_LEDGER_ROWS);
}

/**
 * Polled every 15 s; the fund page also folds stream messages into the same cache entry between
 * polls. A poll takes the figures from the server but keeps ledger rows it already had (merged by
 * seq), so rows that arrived live do not vanish when they fall out of the API's latest 50.
 */
export const insuranceFundQuery = queryOptions({
  queryKey: insuranceFundKey,
  queryFn: fetchInsuranceFund,
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

export const REASON_LABELS: Record<string, string> = {
  liquidation_fee: "Liquidation fee",
  backstop_compensation: "Backstop compensation",
  adl_compensation: "ADL compensation",
  negative_equity_cover: "Negative equity cover",
  funding_deposit: "Funding deposit",
};
