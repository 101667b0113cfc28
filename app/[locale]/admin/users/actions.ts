"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/transport/action";
import { setUserRoles } from "@/lib/services/users/set-user-roles";
import type { SetUserRolesInput } from "@/lib/services/users/schemas";

export async function setUserRolesAction(input: SetUserRolesInput) {
  const result = await runAction((ctx) => setUserRoles({ ctx, input }));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}
