import { queryOptions } from "@tanstack/react-query";
import type { MarketSnapshot } from "@/lib/simulation/public-types";

export const marketKeys = {
  all: ["markets"] as const,
  snapshot: (symbol: string) => ["markets", symbol, "snapshot"] as const,
};

export async function fetchMarketSnapshot(symbol: string): Promise<MarketSnapshot> {
  const response = await fetch(`/api/public/markets/${encodeURIComponent(symbol)}/snapshot`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `snapshot request failed with ${response.status}`);
  }
  return (await response.json()) as MarketSnapshot;
}

export const marketQueries = {
  snapshot: (symbol: string) => queryOptions({ queryKey: marketKeys.snapshot(symbol), queryFn: () => fetchMarketSnapshot(symbol) }),
};
