import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";

/** AFMM-3: the platform staff who may own a register entry (the form's choice of owner). */
export async function listStaffOwners({ ctx }: { ctx: ServiceContext }): Promise<{ id: string; name: string; email: string }[]> {
  authorize(ctx, "conflicts.manage");
  return ctx.db.user.findMany({
    where: { family: "PLATFORM", roles: { some: {} } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
    take: 1_000,
  });
}
