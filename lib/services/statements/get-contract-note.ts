import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { GetContractNoteInput } from "@/lib/services/statements/schemas";
import { ACTIVITY_SELECT, unitsOf } from "@/lib/services/statements/internal";
import { findTradingAccount } from "@/lib/services/trading/internal";
import { buildContractNote, tradeLine } from "@/lib/statements/model";
import type { ContractNote } from "@/lib/statements/types";

/**
 * The contract note of one of the signed-in client's own fills (ordinary, liquidation or ADL), made
 * on demand from the projected history. A notice per fill would bury the inbox's other notices under
 * an active trader's fills (the inbox already gets a summary of fills per batch), so the note is a
 * document of the fill, prepared when asked, and the monthly statement lists every fill with its
 * reference. Another client's fill, or a reference that is no fill, is 404.
 */
export async function getContractNote({ ctx, input }: { ctx: ServiceContext; input: GetContractNoteInput }): Promise<ContractNote> {
  // inbox.use, not portal.view: a staff caller gets the same 404 as for a fill that is not theirs.
  const actor = authorize(ctx, "inbox.use");
  const { seq } = parseInput(GetContractNoteInput, input);
  const link = await findTradingAccount(ctx.db, actor.userId);
  const row = link
    ? await ctx.db.accountActivity.findUnique({
        where: { seq_engineAccountId: { seq: BigInt(seq), engineAccountId: link.engineAccountId } },
        select: ACTIVITY_SELECT,
      })
    : null;
  const trade = row ? tradeLine(row) : null;
  if (!link || !trade) throw new NotFound(msg("errors.inbox.contractNoteNotFound"));
  return buildContractNote(link.engineAccountId, trade, unitsOf(trade.market), ctx.now().getTime());
}
