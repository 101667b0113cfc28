import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { activeRegistration, officerRolesQualify } from "@/lib/services/afmm/gates";
import { authorizeGovernance, lockGovernance } from "@/lib/services/afmm/internal";
import { DesignateOfficerInput } from "@/lib/services/afmm/schemas";
import { reconcileAfmmOrderEntry, type AfmmOrderEntryOutcome } from "@/lib/services/afmm/sync-order-entry";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound, Precondition } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";

/**
 * AFMM-4: designate the officer who oversees the AFMM's conflicts, by their registration on the staff
 * register: it must be active, and the officer must hold the role its capacity needs. At most one
 * current designation per capacity (one RO and one MIC may both be designated); a second in the same
 * capacity is refused until the first is ended.
 */
export async function designateOfficer({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: DesignateOfficerInput;
}): Promise<{ id: string; orderEntry: AfmmOrderEntryOutcome }> {
  const actor = authorizeGovernance(ctx);
  const { registrationId } = parseInput(DesignateOfficerInput, input);
  const now = ctx.now();
  const id = await withTransaction(ctx, async (tx) => {
    await lockGovernance(tx);
    const registration = await tx.staffRegistration.findUnique({ where: { id: registrationId } });
    if (!registration) throw new NotFound(msg("errors.afmmGovernance.notFound"));
    if (!activeRegistration(registration, now)) throw new Precondition(msg("errors.afmmGovernance.registrationNotActive"));
    const roles = (await tx.userRole.findMany({ where: { userId: registration.userId }, select: { role: true } })).map((row) => row.role);
    if (!officerRolesQualify(roles, registration.capacity)) throw new Precondition(msg("errors.afmmGovernance.officerNotQualified"));
    const current = await tx.afmmOversightDesignation.findFirst({
      where: { capacity: registration.capacity, OR: [{ endedAt: null }, { endedAt: { gt: now } }] },
      select: { id: true },
    });
    if (current) throw new Conflict(msg("errors.afmmGovernance.designationExists", { capacity: registration.capacity }));
    const created = await tx.afmmOversightDesignation.create({
      data: { officerId: registration.userId, registrationId, capacity: registration.capacity, assignedAt: now, assignedById: actor.userId },
    });
    await recordAudit(tx, ctx, {
      action: "afmm.designation_assign",
      entity: "AfmmOversightDesignation",
      entityId: created.id,
      after: { officerId: created.officerId, registrationId, capacity: created.capacity, reference: registration.reference, assignedAt: now },
    });
    return created.id;
  });
  return { id, orderEntry: await reconcileAfmmOrderEntry(ctx) };
}
