import { type AfmmTerms, type EngineConfig } from "@/lib/engine/index";
import type { Db } from "@/lib/services/context";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

export type { AfmmFeeOverride, AfmmQuoteObligation, AfmmTerms } from "@/lib/engine/index";

/**
 * The one place the AFMM pages and reports read the affiliated market maker's terms from: the engine
 * configuration in force (`EngineConfig.afmm`, AFMM-6). A configuration written before the terms
 * existed has none: no fee overrides and no quoting obligations (the engine's own reading, afmmTerms).
 */
export function afmmTermsOf(config: EngineConfig): AfmmTerms {
  return config.afmm ?? { feeOverrides: [], quoteObligations: [] };
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
    select: EVENT_COLUMNS,
  });
  if (rows.length === 0) return { suspended: false, reason: null, sinceMs: null };
  const events = rows.map((row) => decodeEvent(row) as unknown as { nowMs: number; suspended: boolean; reason: string });
  const latest = events[0];
  let since = latest.nowMs;
  for (const event of events) {
    if (event.suspended !== latest.suspended) break;
    since = event.nowMs;
  }
  return { suspended: latest.suspended, reason: latest.reason, sinceMs: since };
}
