import type { AfmmQuoteObligation, EngineConfig } from "@/lib/engine/index";

export type QuoteObligation = AfmmQuoteObligation;

/** The AFMM's quoting obligations per market, as the engine configuration states them (none when it has no AFMM section). */
export function quoteObligationsOf(config: EngineConfig): QuoteObligation[] {
  return (config.afmm?.quoteObligations ?? []).map((row) => ({ ...row }));
}
