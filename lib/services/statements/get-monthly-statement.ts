import "server-only";
import { can } from "@/lib/auth/permissions";
import { msg } from "@/lib/i18n/message-ref";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { GetMonthlyStatementInput } from "@/lib/services/statements/schemas";
import { monthlyStatementOf } from "@/lib/statements/model";
import type { MonthlyStatement } from "@/lib/statements/types";

/**
 * A monthly statement by its notice: the client's own, or any client's for staff with compliance.view
 * (the read logged as client data access). Anyone else's, or a notice that is no statement, is 404 as
 * an id that does not exist, so a guessed id tells nothing.
 */
export async function getMonthlyStatement({
  ctx,
  input,
  route,
}: {
  ctx: ServiceContext;
  input: GetMonthlyStatementInput;
  route?: string;
}): Promise<{ statement: MonthlyStatement; userId: string }> {
  const actor = authorize(ctx, "inbox.use");
  const { noticeId } = parseInput(GetMonthlyStatementInput, input);
  // Only staff who may read client records look beyond their own notices; every other role (the market
  // maker's desk included) finds nothing but its own, so another's statement is a 404 like an unknown id.
  const staff = can(actor.roles, "compliance.view");
  const row = await ctx.db.clientNotice.findFirst({
    where: { id: noticeId, kind: "monthlyStatement", ...(staff ? {} : { userId: actor.userId }) },
    select: { userId: true, statement: true, dedupeKey: true },
  });
  const statement = row ? monthlyStatementOf(row.statement) : null;
  if (!row || !statement) throw new NotFound(msg("errors.inbox.monthlyStatementNotFound"));
  if (row.userId !== actor.userId) {
    await recordClientDataAccess(
      ctx.db,
      actor,
      { resource: "monthly_statement", subjectUserId: row.userId, subjectRef: row.dedupeKey, purpose: "client statement review", route: route ?? null },
      ctx.now(),
    );
  }
  return { statement, userId: row.userId };
}
