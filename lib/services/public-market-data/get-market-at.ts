import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { EngineJournal } from "@/lib/simulation/journal";
import { StateAtQueue, StateAtRefusal } from "@/lib/simulation/state-at-queue";
import { marketSpec, plain, PublicApiError, publicEngine, UNITS } from "./common";

const query = z.strictObject(
  {
    seq: z
      .string({ error: "seq is required: the journal event sequence number to recompute at" })
      .regex(/^\d{1,15}$/, "seq must be a positive integer")
      .transform(Number)
      .refine((n) => n >= 1, "seq must be a positive integer"),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown query parameter ${issue.keys.join(", ")}; allowed: seq` : undefined) },
);

/**
 * GET /api/public/markets/{symbol}/at?seq= — the market's figures recomputed from the journal as
 * they stood right after event `seq` (the id every public figure carries). An independent check
 * of what any page or stream showed at that point; replays at most one snapshot interval, off the
 * event loop and within the limits of `StateAtQueue` (refusals are 422 or 503 with Retry-After).
 */
export async function getMarketAt(symbol: string, params: URLSearchParams) {
  const engine = await publicEngine();
  marketSpec(engine, symbol);
  const { seq } = query.parse(Object.fromEntries(params));
  const at = await stateAtQueue()
    .marketAt(symbol, seq)
    .catch((error: unknown) => {
      throw error instanceof StateAtRefusal ? refusal(error) : error;
    });
  if (!at) throw new PublicApiError(`no journal event with seq ${seq}`, 404, "UNKNOWN_SEQ");
  return plain({ units: UNITS, symbol, ...at });
}

const REFUSAL = {
  "too-far": { status: 422, code: "REPLAY_TOO_LONG" },
  busy: { status: 503, code: "HISTORY_BUSY" },
  timeout: { status: 503, code: "HISTORY_TIMEOUT" },
  unavailable: { status: 503, code: "HISTORY_UNAVAILABLE" },
} as const;

function refusal(error: StateAtRefusal): PublicApiError {
  const { status, code } = REFUSAL[error.kind];
  const retry = error.retryAfterSeconds;
  return new PublicApiError(error.message, status, code, retry === undefined ? {} : { retryAfterSeconds: retry }, retry === undefined ? {} : { "Retry-After": String(retry) });
}

const globalQueue = globalThis as unknown as { perpsStateAtQueue?: StateAtQueue };

/** The process-wide queue (one worker per web process, shared across Next's module graphs). */
function stateAtQueue(): StateAtQueue {
  if (!globalQueue.perpsStateAtQueue) {
    const client = db(); // throws with the reason when DATABASE_URL is unset
    const { DATABASE_URL, DATABASE_SCHEMA } = env();
    globalQueue.perpsStateAtQueue = new StateAtQueue({ journal: new EngineJournal(client), database: { url: DATABASE_URL!, schema: DATABASE_SCHEMA } });
  }
  return globalQueue.perpsStateAtQueue;
}
