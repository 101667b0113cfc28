"use server";

import { redirect } from "next/navigation";
import { safeNext } from "@/lib/auth/safe-next";
import { runAction } from "@/lib/transport/action";
import { stepUp } from "@/lib/services/auth/step-up";
import type { TotpCodeInput } from "@/lib/services/users/schemas";

export async function stepUpAction(input: TotpCodeInput, next: string) {
  const result = await runAction((ctx) => stepUp({ ctx, input }));
  if (result.ok) redirect(safeNext(next));
  return result;
}
