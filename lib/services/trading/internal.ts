import "server-only";
import type { Command, EngineEvent } from "@/lib/engine/index";
import { env } from "@/lib/env";
import type { Actor, Db, ServiceContext } from "@/lib/services/context";
import { withTransaction } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Precondition } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { explainRejection, type ExplainedRejection } from "@/lib/services/trading/rejections";
import type { TradingVenue } from "@/lib/services/trading/venue";

/** USD a new account is funded with in demo mode, in cents (USD's minor unit in the collateral registry). */
export const DEMO_OPENING_DEPOSIT_CENTS = 100_000_00n;

/** Demo funds are simulated money: given only in demo mode, never in production mode. */
export function demoOpeningDepositCents(): bigint | null {
  return env().PORTAL_MODE === "demo" ? DEMO_OPENING_DEPOSIT_CENTS : null;
}

export interface TradingAccountLink {
  engineAccountId: number;
  openedAt: Date;
}

export function findTradingAccount(db: Db, userId: string): Promise<TradingAccountLink | null> {
  return db.tradingAccount.findUnique({ where: { userId }, select: { engineAccountId: true, openedAt: true } });
}

/** The signed-in client's engine account, or 412 telling them to open it. */
export async function requireTradingAccount(ctx: ServiceContext, actor: Actor): Promise<TradingAccountLink> {
  const link = await findTradingAccount(ctx.db, actor.userId);
  if (!link) throw new Precondition(msg("errors.trading.openAccountFirst"));
  return link;
}

export type ClientSubmission = { accepted: true; events: EngineEvent[] } | { accepted: false; rejection: ExplainedRejection };

/**
 * Submit a client's command to the engine, outside any transaction (the host's journal write needs
 * the database meanwhile; on the embedded PostgreSQL an open transaction would hold its only
 * session). A rejection changes nothing in the engine, but it is a refused client instruction, so it
 * is audited too, with the engine's code and message.
 */
export async function submitForClient(
  ctx: ServiceContext,
  venue: TradingVenue,
  command: Command,
  audit: { entity: string; entityId: string },
): Promise<ClientSubmission> {
  const result = await venue.submit(command);
  if (result.accepted) return { accepted: true, events: result.events };
  const rejection = explainRejection(result.code, result.message);
  await withTransaction(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "trading.command_rejected",
      entity: audit.entity,
      entityId: audit.entityId,
      after: { command: command.type, code: result.code, message: result.message },
    }),
  );
  return { accepted: false, rejection };
}
