import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { officerRolesQualify } from "@/lib/services/afmm/gates";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { AddStaffRegistrationInput } from "@/lib/services/afmm/schemas";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, Invalid } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/**
 * AFMM-4: add a Responsible Officer or Manager-in-Charge to the staff register. Only platform staff
 * qualify, and an RO must hold the Responsible Officer role; one active registration per user and
 * capacity. A registration alone changes nothing at the venue: a designation must name it.
 */
export async function addStaffRegistration({ ctx, input }: { ctx: ServiceContext; input: AddStaffRegistrationInput }): Promise<{ id: string }> {
  const actor = authorizeGovernance(ctx);
  const data = parseInput(AddStaffRegistrationInput, input);
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const user = await tx.user.findUnique({ where: { email: data.email.toLowerCase() }, select: { id: true, roles: { select: { role: true } } } });
    if (!user) throw new Invalid(msg("errors.afmmGovernance.userNotFound"), { email: [msg("errors.afmmGovernance.userNotFound")] });
    const roles = user.roles.map((row) => row.role);
    if (!officerRolesQualify(roles, "MIC"))
      throw new Invalid(msg("errors.afmmGovernance.userNotPlatform"), { email: [msg("errors.afmmGovernance.userNotPlatform")] });
    if (!officerRolesQualify(roles, data.capacity))
      throw new Invalid(msg("errors.afmmGovernance.roNeedsRole"), { capacity: [msg("errors.afmmGovernance.roNeedsRole")] });
    const active = await tx.staffRegistration.findFirst({
      where: { userId: user.id, capacity: data.capacity, OR: [{ endedAt: null }, { endedAt: { gt: now } }] },
      select: { id: true },
    });
    if (active) throw new Conflict(msg("errors.afmmGovernance.registrationExists", { capacity: data.capacity }));
    const created = await tx.staffRegistration.create({
      data: { userId: user.id, capacity: data.capacity, reference: data.reference, effectiveFrom: data.effectiveFrom, createdById: actor.userId },
    });
    await recordAudit(tx, ctx, {
      action: "afmm.staff_registration_add",
      entity: "StaffRegistration",
      entityId: created.id,
      after: { userId: user.id, capacity: created.capacity, reference: created.reference, effectiveFrom: created.effectiveFrom },
    });
    return { id: created.id };
  });
}
