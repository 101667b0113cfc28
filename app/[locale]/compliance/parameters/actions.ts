"use server";

import { revalidatePath } from "next/cache";
import { changeMarketParameter } from "@/lib/services/parameters/change-market-parameter";
import type { ChangeMarketParameterInput } from "@/lib/services/parameters/schemas";
import { runAction } from "@/lib/transport/action";

export async function changeMarketParameterAction(input: ChangeMarketParameterInput) {
  const result = await runAction((ctx) => changeMarketParameter({ ctx, input }));
  if (result.ok) {
    revalidatePath("/compliance/parameters");
    revalidatePath("/disclosures/parameters");
  }
  return result;
}
