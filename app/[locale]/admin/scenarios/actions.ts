"use server";

import { revalidatePath } from "next/cache";
import { injectScenario } from "@/lib/services/simulation/inject-scenario";
import type { InjectScenarioInput } from "@/lib/services/simulation/schemas";
import { runAction } from "@/lib/transport/action";

export async function injectScenarioAction(input: InjectScenarioInput) {
  const result = await runAction((ctx) => injectScenario({ ctx, input }));
  if (result.ok) revalidatePath("/admin/scenarios");
  return result;
}
