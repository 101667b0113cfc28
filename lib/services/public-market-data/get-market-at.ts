import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { EngineJournal } from "@/lib/simulation/journal";
import { marketAtEvent } from "@/lib/simulation/state-at";
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
 * of what any page or stream showed at that point; replays at most one snapshot interval.
 */
export async function getMarketAt(symbol: string, params: URLSearchParams) {
  const engine = await publicEngine();
  marketSpec(engine, symbol);
  const { seq } = query.parse(Object.fromEntries(params));
  const at = await marketAtEvent(new EngineJournal(db()), symbol, seq);
  if (!at) throw new PublicApiError(`no journal event with seq ${seq}`, 404, "UNKNOWN_SEQ");
  return plain({ units: UNITS, symbol, ...at });
}
