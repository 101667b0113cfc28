import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { marketSpec, plain, PublicApiError, publicEngine, UNITS } from "./common";
import { stateAtQueue, stateAtRefusal } from "./internal";
import { GetMarketAtInput } from "./schemas";
import { msg } from "@/lib/i18n/message-ref";

/**
 * GET /api/public/markets/{symbol}/at?seq= — the market's figures recomputed from the journal as
 * they stood right after event `seq` (the id every public figure carries). An independent check
 * of what any page or stream showed at that point; replays at most one snapshot interval, off the
 * event loop and within the limits of `StateAtQueue` (refusals are 422 or 503 with Retry-After).
 */
export async function getMarketAt({ ctx, input }: { ctx: ServiceContext; input: GetMarketAtInput }) {
  authorizePublic(ctx);
  const { symbol, seq } = GetMarketAtInput.parse(input);
  const engine = await publicEngine();
  marketSpec(engine, symbol);
  const at = await stateAtQueue()
    .marketAt(symbol, seq)
    .catch((error: unknown) => {
      throw stateAtRefusal(error);
    });
  if (!at) throw new PublicApiError(msg("errors.publicApi.unknownSeq", { seq }), 404, "UNKNOWN_SEQ");
  return plain({ units: UNITS, symbol, ...at });
}
