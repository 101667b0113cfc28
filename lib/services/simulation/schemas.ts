import { z } from "zod";
import { zodMessage } from "@/lib/i18n/message-ref";

/** The form's envelope; the scenario itself is validated by the simulation (lib/simulation/market/scenarios.ts). */
/** A scenario is a handful of fields (lib/simulation/market/scenarios.ts); anything larger is not one. */
export const MAX_SCENARIO_JSON_CHARS = 10_000;

export const InjectScenarioInput = z.object({
  scenario: z
    .record(z.string(), z.unknown(), { error: zodMessage("validation.simulation.scenarioNotObject") })
    .refine(
      (scenario) => jsonLength(scenario) <= MAX_SCENARIO_JSON_CHARS,
      zodMessage("validation.simulation.scenarioTooLong", { max: MAX_SCENARIO_JSON_CHARS.toLocaleString("en-US") }),
    )
    .meta({ bounded: "refined to at most MAX_SCENARIO_JSON_CHARS characters of JSON; its fields are checked by SCENARIO_SCHEMAS" }),
  reason: z
    .string()
    .trim()
    .min(3, zodMessage("validation.simulation.reasonTooShort", { min: 3 }))
    .max(500, zodMessage("validation.common.reasonTooLong", { max: 500 })),
});
export type InjectScenarioInput = z.input<typeof InjectScenarioInput>;

/** Length of the value as JSON; infinite for what JSON cannot carry (a bigint, a cycle). */
function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
