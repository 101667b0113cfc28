import "server-only";
import { HISTORY_REFUSALS } from "./schemas";
import { adlRisk, type AdlDistance } from "@/lib/engine/index";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Db } from "@/lib/services/context";
import { EngineJournal } from "@/lib/simulation/journal";
import { StateAtQueue, StateAtRefusal } from "@/lib/simulation/state-at-queue";
import type { Wire } from "@/lib/wire/plain";
import { plain, PublicApiError, type PublicEngine } from "./common";
import { FUNDING_MAX_ROWS, type Window } from "./schemas";
import { msg } from "@/lib/i18n/message-ref";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/** Helpers of the public market-data verbs that more than one verb, or a test, needs. */

/** A market's distance-to-ADL figures: live engine state here, else the latest public stats message. */
export function marketAdl(engine: PublicEngine, symbol: string): Wire<AdlDistance> | null {
  if (engine.state) {
    const risk = adlRisk(engine.state, symbol);
    return risk ? (plain(risk) as Wire<AdlDistance>) : null;
  }
  return engine.runtime.feed.snapshot(symbol)?.latest.stats?.data.adl ?? null;
}

/** One funding settlement as the public sees it: the rate and the totals, never who paid whom. */
export interface FundingSettlementRow {
  seq: number;
  /** Engine time the settlement ran (at or just after the interval end). */
  settledAtMs: number;
  intervalEndMs: number;
  /** Rate for the interval, ppb; positive: longs paid shorts. */
  rate: bigint;
  /** Mark price the positions were valued at, ticks. */
  markPrice: number;
  /** Σ paid by the paying side, micro-USD (the receiving side got exactly this). */
  totalPaid: bigint;
}

/** The settlements of one market in the window after `afterSeq` (at most FUNDING_MAX_ROWS; `truncated` when more exist). */
export async function readFundingSettlements(
  client: Db,
  symbol: string,
  query: Window & { afterSeq: number },
): Promise<{ rows: FundingSettlementRow[]; truncated: boolean }> {
  const found = await client.engineEvent.findMany({
    where: { market: symbol, type: "FundingSettled", nowMs: { gte: BigInt(query.from), lte: BigInt(query.to) }, seq: { gt: BigInt(query.afterSeq) } },
    orderBy: { seq: "asc" },
    take: FUNDING_MAX_ROWS + 1,
    select: EVENT_COLUMNS,
  });
  const rows: FundingSettlementRow[] = [];
  for (const row of found.slice(0, FUNDING_MAX_ROWS)) {
    const event = decodeEvent(row);
    if (event.type !== "FundingSettled") continue;
    // Field by field on purpose: the event also lists every account's transfer, which stays private.
    rows.push({
      seq: Number(row.seq),
      settledAtMs: Number(row.nowMs),
      intervalEndMs: event.intervalEndMs,
      rate: event.rate,
      markPrice: event.markPrice,
      totalPaid: event.totalPaid,
    });
  }
  return { rows, truncated: found.length > FUNDING_MAX_ROWS };
}

const REFUSAL = HISTORY_REFUSALS;

/** A refusal of the historical recomputation, as the public answer (422, or 503 with Retry-After). */
export function stateAtRefusal(error: unknown): unknown {
  if (!(error instanceof StateAtRefusal)) return error;
  const { status, code } = REFUSAL[error.kind];
  const retry = error.retryAfterSeconds;
  // The replay's refusal is in its own words (English).
  return new PublicApiError(
    msg("errors.common.problem", { problem: error.message }),
    status,
    code,
    retry === undefined ? {} : { retryAfterSeconds: retry },
    retry === undefined ? {} : { "Retry-After": String(retry) },
  );
}

const globalQueue = globalThis as unknown as { perpsStateAtQueue?: StateAtQueue };

/** The process-wide queue (one worker per web process, shared across Next's module graphs). */
export function stateAtQueue(): StateAtQueue {
  if (!globalQueue.perpsStateAtQueue) {
    const client = db(); // throws with the reason when DATABASE_URL is unset
    const { DATABASE_URL, DATABASE_SCHEMA } = env();
    globalQueue.perpsStateAtQueue = new StateAtQueue({ journal: new EngineJournal(client), database: { url: DATABASE_URL!, schema: DATABASE_SCHEMA } });
  }
  return globalQueue.perpsStateAtQueue;
}
