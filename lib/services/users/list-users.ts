import "server-only";
import { ListUsersInput } from "@/lib/services/users/schemas";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { toUserDto, USER_DTO_SELECT, type UserDto } from "@/lib/services/users/internal";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

/** The user directory. It names clients, so AFMM-7 keeps it from AFMM_TRADER (see "users.read"). */
export async function listUsers({ ctx, input }: { ctx: ServiceContext; input?: ListUsersInput }): Promise<UserDto[]> {
  const actor = authorize(ctx, "users.read");
  const { query } = ListUsersInput.parse(input ?? {});
  await recordClientDataAccess(
    ctx.db,
    actor,
    { resource: "user_directory", subjectRef: query ? `query=${query}` : null, purpose: "user administration" },
    ctx.now(),
  );
  const rows = await ctx.db.user.findMany({
    where: query ? { OR: [{ email: { contains: query, mode: "insensitive" } }, { name: { contains: query, mode: "insensitive" } }] } : {},
    select: USER_DTO_SELECT,
    orderBy: { email: "asc" },
    take: 500,
  });
  return rows.map(toUserDto);
}
