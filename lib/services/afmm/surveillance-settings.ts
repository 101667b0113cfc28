import { SURVEILLANCE_RULES } from "@/lib/surveillance/types";

/**
 * The one place the AFMM disclosure and reports read the surveillance configuration in force from.
 * Until the rules' configuration is part of this build, every rule is listed with no settings.
 */
export function surveillanceSettingsInForce(): object {
  return Object.fromEntries(SURVEILLANCE_RULES.map((rule) => [rule, {}]));
}
