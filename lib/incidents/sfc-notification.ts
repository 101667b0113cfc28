/**
 * RPT-7: every default-management incident is also reported to the SFC, alongside the clients'
 * notices. The incident's opening creates one compliance task of this kind, due when the public
 * post-event report is due; an officer completes it once the report is published and sent, with the
 * SFC's acknowledgement or the filing reference as evidence. That completion is the send log.
 */
export const SFC_EVENT_TASK_KIND = "sfc_event_notification";

/** The task's sourceRef: unique, so an incident replayed after a crash creates its task once. */
export function sfcTaskSourceRef(incidentId: string): string {
  return `incident:${incidentId}`;
}

/** The incident id a task's sourceRef names, or null for a task another source created. */
export function incidentIdOfSourceRef(sourceRef: string): string | null {
  return sourceRef.startsWith("incident:") ? sourceRef.slice("incident:".length) : null;
}
