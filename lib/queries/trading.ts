import type { TradingView } from "@/lib/services/trading/view-types";

export const tradingKeys = { view: ["portal", "trading"] as const };

/** How often the positions page re-reads the account, ms: account figures move with every mark tick. */
export const TRADING_REFRESH_MS = 1_500;

export async function fetchTradingView(): Promise<TradingView> {
  const response = await fetch("/api/portal/trading", { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `the account request failed with ${response.status}`);
  }
  return (await response.json()) as TradingView;
}
