import { DEFAULT_SURVEILLANCE_CONFIG } from "@/lib/surveillance/config";

/** The one place the AFMM disclosure and reports read the surveillance configuration in force from. */
export function surveillanceSettingsInForce(): object {
  return DEFAULT_SURVEILLANCE_CONFIG;
}
