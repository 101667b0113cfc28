import { z } from "zod";

/** The form's envelope; the scenario itself is validated by the simulation (lib/simulation/market/scenarios.ts). */
export const InjectScenarioInput = z.object({
  scenario: z.record(z.string(), z.unknown(), { error: "must be a JSON object describing the scenario" }),
  reason: z.string().trim().min(3, "Say why you are running this scenario (at least 3 characters).").max(500, "Keep the reason under 500 characters."),
});
export type InjectScenarioInput = z.input<typeof InjectScenarioInput>;
