import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import type { ClientStatement } from "@/lib/incidents/report/statement-types";
import { statementOf } from "@/lib/services/inbox/internal";
import { GetNoticeStatementInput } from "@/lib/services/inbox/schemas";

/** The personal statement carried by one of the signed-in user's notices, for its PDF; 404 for anyone else's notice or one without a statement. */
export async function getNoticeStatement({ ctx, input }: { ctx: ServiceContext; input: GetNoticeStatementInput }): Promise<ClientStatement> {
  const actor = authorize(ctx, "inbox.use");
  const { noticeId } = parseInput(GetNoticeStatementInput, input);
  const row = await ctx.db.clientNotice.findFirst({ where: { id: noticeId, userId: actor.userId }, select: { statement: true } });
  const statement = row ? statementOf(row.statement) : null;
  if (!statement) throw new NotFound(msg("errors.inbox.statementNotFound"));
  return statement;
}
