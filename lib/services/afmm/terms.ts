import type { EngineConfig } from "@/lib/engine/index";
import type { Db } from "@/lib/services/context";

/**
 * The one place the AFMM pages and reports read the affiliated market maker's terms from the engine
 * configuration (AFMM-6, AFMM-10). The engine configuration carries them as `EngineConfig.afmm`; until
 * that field is present in this build, the terms below (the launch terms) stand in for it.
 */

export interface AfmmFeeOverride {
  market: string;
  makerFeeRate: bigint;
  takerFeeRate: bigint;
}

export interface AfmmQuoteObligation {
  market: string;
  /** Widest best-bid-to-best-ask distance (bps of their mid) that counts as quoting. */
  maxSpreadBps: number;
  /** Minimum lots at the AFMM's best bid and at its best ask. */
  minSizeLots: number;
  /** Share of each hour (percent) both sides must be quoted within the spread and size. */
  minTimeOnBookPct: number;
}

export interface AfmmTerms {
  feeOverrides: AfmmFeeOverride[];
  quoteObligations: AfmmQuoteObligation[];
}

/** The launch terms: no fee overrides (the same fees as every participant), obligations in BTC-PERP and ETH-PERP. */
export const LAUNCH_AFMM_TERMS: AfmmTerms = {
  feeOverrides: [],
  quoteObligations: [
    { market: "BTC-PERP", maxSpreadBps: 10, minSizeLots: 100, minTimeOnBookPct: 90 },
    { market: "ETH-PERP", maxSpreadBps: 12, minSizeLots: 200, minTimeOnBookPct: 90 },
  ],
};

/** The AFMM terms of `config`, the configuration in force. */
export function afmmTermsOf(config: EngineConfig): AfmmTerms {
  const terms = (config as EngineConfig & { afmm?: AfmmTerms }).afmm;
  return terms ?? LAUNCH_AFMM_TERMS;
}

export interface AfmmOrderEntryState {
  suspended: boolean;
  /** Reason code of the last change; null when order entry was never set. */
  reason: string | null;
  /** Engine time since which the current state holds; null when never set. */
  sinceMs: number | null;
}

/**
 * AFMM order entry as the journal records it (the engine's AfmmOrderEntrySet events): the same answer
 * in the engine's process and in a web instance that only reads the journal. Never set = enabled.
 */
export async function afmmOrderEntryFromJournal(db: Pick<Db, "engineEvent">): Promise<AfmmOrderEntryState> {
  const rows = await db.engineEvent.findMany({
    where: { type: "AfmmOrderEntrySet" },
    orderBy: { seq: "desc" },
    take: 500,
    select: { nowMs: true, payload: true },
  });
  if (rows.length === 0) return { suspended: false, reason: null, sinceMs: null };
  const events = rows.map((row) => ({ nowMs: Number(row.nowMs), ...(JSON.parse(row.payload) as { suspended: boolean; reason: string }) }));
  const latest = events[0];
  let since = latest.nowMs;
  for (const event of events) {
    if (event.suspended !== latest.suspended) break;
    since = event.nowMs;
  }
  return { suspended: latest.suspended, reason: latest.reason, sinceMs: since };
}
