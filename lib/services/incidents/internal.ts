import "server-only";
import { can, type Permission } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { msg, type MessageKey, type MessageRef } from "@/lib/i18n/message-ref";
import type { IncidentReport } from "@/lib/incidents/report/types";
import { authorize, type Actor, type ServiceContext, type Tx } from "@/lib/services/context";
import { Forbidden, NotFound } from "@/lib/services/errors";
import type { IncidentNarrative } from "@/lib/services/incidents/schemas";

/** open → draft → submitted → approved → published; a returned report goes from submitted back to draft. */
export const INCIDENT_STATUSES = ["open", "draft", "submitted", "approved", "published"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export function isIncidentStatus(value: string): value is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(value);
}

const STATUS_MESSAGE = {
  open: "errors.incidents.status.open",
  draft: "errors.incidents.status.draft",
  submitted: "errors.incidents.status.submitted",
  approved: "errors.incidents.status.approved",
  published: "errors.incidents.status.published",
} as const satisfies Record<IncidentStatus, MessageKey>;

/** A status as words inside a refusal, in the reader's language. */
export function statusMessage(status: string): MessageRef | string {
  return isIncidentStatus(status) ? msg(STATUS_MESSAGE[status]) : status;
}

/**
 * Line 1 of the workflow's verbs: staff who may read incidents, then the step's own role. A signed-in
 * officer without the step's role is told which role the step needs, rather than a bare "forbidden".
 */
export function authorizeIncidentStep(ctx: ServiceContext, permission: Permission, refusal: MessageRef): Actor {
  const actor = authorize(ctx, "incidents.read");
  if (!can(actor.roles, permission)) throw new Forbidden(refusal);
  return actor;
}

export async function loadIncident(tx: Tx, incidentId: string) {
  const incident = await tx.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw new NotFound(msg("errors.incidents.noSuchIncident"));
  return incident;
}

export type IncidentRow = Awaited<ReturnType<typeof loadIncident>>;

/** The parameters every incident notice shares (notices catalogue): times in UTC, as the pages show them. */
export function incidentNoticeParams(incident: Pick<IncidentRow, "id" | "market" | "openedAtMs" | "deadlineAt">) {
  const startedMs = Number(incident.openedAtMs);
  return {
    incidentId: incident.id,
    market: incident.market,
    time: formatUtc(startedMs),
    date: new Date(startedMs).toISOString().slice(0, 10),
    deadline: formatUtc(incident.deadlineAt.getTime()),
  };
}

/** Everyone who must hear about the reporting clock: every compliance officer and Responsible Officer. */
export async function officerIds(tx: Tx): Promise<string[]> {
  const rows = await tx.userRole.findMany({
    where: { role: { in: ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"] } },
    select: { userId: true },
    distinct: ["userId"],
    orderBy: { userId: "asc" },
  });
  return rows.map((row) => row.userId);
}

/** Client ids a page at a time (keyset on the id), so ten thousand clients never make one huge query. */
export async function* clientIdPages(tx: Tx, pageSize: number): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await tx.userRole.findMany({
      where: { role: "CLIENT", ...(after === undefined ? {} : { userId: { gt: after } }) },
      select: { userId: true },
      orderBy: { userId: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) return;
    yield rows.map((row) => row.userId);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].userId;
  }
}

/** The narrative, once all three parts have been written. */
export function narrativeOf(incident: Pick<IncidentRow, "cause" | "impact" | "remediation">): IncidentNarrative | null {
  const { cause, impact, remediation } = incident;
  return cause && impact && remediation ? { cause, impact, remediation } : null;
}

export function draftReport(incident: Pick<IncidentRow, "draft">): IncidentReport | null {
  return (incident.draft as unknown as IncidentReport | null) ?? null;
}

/** An audit row's summary of the incident's workflow fields. */
export function workflowState(incident: IncidentRow) {
  return {
    status: incident.status,
    draftHash: incident.draftHash,
    submittedById: incident.submittedById,
    approvedById: incident.approvedById,
    publishedHash: incident.publishedHash,
  };
}
