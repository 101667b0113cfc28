import "server-only";
import { SetUserRolesInput } from "@/lib/services/users/schemas";
import { ROLE_FAMILY } from "@/lib/auth/permissions";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { recordAudit } from "@/lib/services/audit";
import { Forbidden, NotFound } from "@/lib/services/errors";
import { msg } from "@/lib/i18n/message-ref";
import { toUserDto, USER_DTO_SELECT, type UserDto } from "@/lib/services/users/internal";

/**
 * Replace a user's roles (ADMIN, after a step-up). AFMM-2 is checked by the input schema
 * (roleSetProblem) and again by the database: UserRole's foreign keys reject a role outside the
 * user's family, and a family change only goes through once the old roles are gone.
 */
export async function setUserRoles({ ctx, input }: { ctx: ServiceContext; input: SetUserRolesInput }): Promise<UserDto> {
  const actor = authorize(ctx, "users.roles.manage");
  const { userId, roles, reason } = SetUserRolesInput.parse(input);
  requireStepUp(ctx);
  // Segregation of duties: nobody grants or removes their own roles.
  if (userId === actor.userId) throw new Forbidden(msg("errors.users.ownRoles"));
  return withTransaction(ctx, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: USER_DTO_SELECT });
    if (!before) throw new NotFound(msg("errors.users.noSuchUser"));
    const family = ROLE_FAMILY[roles[0]];
    await tx.userRole.deleteMany({ where: { userId } });
    if (before.family !== family) await tx.user.update({ where: { id: userId }, data: { family } });
    await tx.userRole.createMany({ data: roles.map((role) => ({ userId, role, family, grantedById: actor.userId })) });
    const after = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: USER_DTO_SELECT });
    await recordAudit(tx, ctx, {
      action: "user.roles_change",
      entity: "User",
      entityId: userId,
      before: { email: before.email, roles: before.roles.map((r) => r.role) },
      after: { email: after.email, roles: after.roles.map((r) => r.role) },
      reason,
    });
    return toUserDto(after);
  });
}
