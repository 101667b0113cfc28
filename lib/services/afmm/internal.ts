import "server-only";
import type { Role } from "@/lib/auth/permissions";
import { msg } from "@/lib/i18n/message-ref";
import { afmmGates, type AfmmGateDecision, type AfmmGateFacts } from "@/lib/services/afmm/gates";
import { authorize, requireStepUp, STEP_UP_WINDOW_MS, type Actor, type Db, type ServiceContext, type Tx } from "@/lib/services/context";
import { StepUpRequired } from "@/lib/services/errors";

/**
 * Line 1 of every AFMM governance verb: the permission (Compliance or Responsible Officer), then a
 * fresh second factor, since each change can switch AFMM order entry on or off.
 */
export function authorizeGovernance(ctx: ServiceContext): Actor {
  const actor = authorize(ctx, "afmm.governance.manage");
  try {
    requireStepUp(ctx);
  } catch (error) {
    if (error instanceof StepUpRequired) throw new StepUpRequired(msg("errors.afmmGovernance.needsStepUp", { minutes: STEP_UP_WINDOW_MS / 60_000 }));
    throw error;
  }
  return actor;
}

/** Serializes the governance writes that check a register before writing it (one at a time across servers). */
export async function lockGovernance(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('afmm.governance'))::text AS locked`;
}

/** What afmmGates needs, as the registers hold it at `now`. */
export async function readAfmmGateFacts(db: Db | Tx, now: Date): Promise<AfmmGateFacts> {
  const current = { OR: [{ endedAt: null }, { endedAt: { gt: now } }] };
  const [affiliates, designations, notifications] = await Promise.all([
    db.afmmAffiliate.findMany({ where: current, select: { approved: true, endedAt: true, engineAccountIds: true } }),
    db.afmmOversightDesignation.findMany({
      where: current,
      select: { officerId: true, registrationId: true, capacity: true, assignedAt: true, endedAt: true },
    }),
    db.afmmSfcNotification.findMany({
      where: { withdrawnAt: null },
      select: { notifiedOn: true, withdrawnAt: true, thirdPartyReportSha256: true, micDeclarationSha256: true },
    }),
  ]);
  const officerIds = [...new Set(designations.map((designation) => designation.officerId))];
  const [registrations, roles] = await Promise.all([
    db.staffRegistration.findMany({
      where: { id: { in: designations.map((designation) => designation.registrationId) } },
      select: { id: true, userId: true, capacity: true, effectiveFrom: true, endedAt: true },
    }),
    db.userRole.findMany({ where: { userId: { in: officerIds } }, select: { userId: true, role: true } }),
  ]);
  const officerRoles: Record<string, Role[]> = {};
  for (const { userId, role } of roles) (officerRoles[userId] ??= []).push(role);
  return { now, affiliates, designations, registrations, officerRoles, notifications };
}

/** The gates' decision at the context's time. */
export async function currentAfmmGates(ctx: Pick<ServiceContext, "db" | "now">): Promise<AfmmGateDecision> {
  return afmmGates(await readAfmmGateFacts(ctx.db, ctx.now()));
}
