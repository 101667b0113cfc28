import type { AdlDistance, MarketSpec } from "@/lib/engine/index";
import type { Wire } from "./wire/plain";

/**
 * Shapes of the public risk answers (GET /api/public/methodology, …/adl, /parameters) that pages and
 * client components render. Type-only and client-safe; the services in
 * lib/services/public-market-data produce them.
 */

export interface FundFigures {
  balance: string;
  floor: string;
  available: string;
  depleted: boolean;
}

export type AdlFigures = Pick<Wire<AdlDistance>, "fundAvailable" | "backstopCapacity" | "down" | "up" | "indicator">;

/** The live figures of a market's default-management steps. */
export interface MarketLiveFigures {
  mark: number | null;
  insuranceFund: FundFigures | null;
  adl: AdlFigures | null;
}

export interface BackstopFigures {
  providers: number;
  committed: string;
  used: string;
  remaining: string;
  /** Capacity the providers regain per hour in total, micro-USD (used capacity falls linearly). */
  replenishPerHour: string;
}

export type WireMarketSpec = Wire<MarketSpec>;
