import { env } from "@/lib/env";
import { INCIDENT_POLICY, type IncidentPolicy } from "@/lib/incidents/policy";

/** The incident policy this deployment runs: the launched policy with the quiet period from INCIDENT_QUIET_SEC when set. */
export function incidentPolicy(): IncidentPolicy {
  const quietSec = env().INCIDENT_QUIET_SEC;
  return quietSec === undefined ? INCIDENT_POLICY : { ...INCIDENT_POLICY, quietMs: quietSec * 1_000 };
}
