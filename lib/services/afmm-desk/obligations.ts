import type { EngineConfig } from "@/lib/engine/index";

/** The AFMM's quoting obligations per market, as the engine configuration states them. */
export interface QuoteObligation {
  market: string;
  maxSpreadBps: number;
  minSizeLots: number;
  minTimeOnBookPct: number;
}

/**
 * The one place the desk reads the obligations from the engine configuration (`afmm.quoteObligations`);
 * a configuration without them gives none.
 */
export function quoteObligationsOf(config: EngineConfig): QuoteObligation[] {
  const afmm = (config as EngineConfig & { afmm?: { quoteObligations?: QuoteObligation[] } }).afmm;
  return Array.isArray(afmm?.quoteObligations) ? afmm.quoteObligations.map((row) => ({ ...row })) : [];
}
