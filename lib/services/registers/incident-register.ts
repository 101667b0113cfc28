import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext, type Tx } from "@/lib/services/context";
import { Conflict, Forbidden, NotFound } from "@/lib/services/errors";
import { checkChoice, checkId, checkText, readRequest } from "./input";
import {
  ApproveNotificationInput,
  AssessMaterialityInput,
  DraftNotificationInput,
  INCIDENT_KINDS,
  MATERIALITY,
  RecordIncidentInput,
  RecordNotificationInput,
  type RecordIncidentRequest,
  type AssessMaterialityRequest,
  type DraftNotificationRequest,
  type ApproveNotificationRequest,
  type RecordNotificationRequest,
} from "./schemas";

/**
 * RPT-2: the incident register. An officer records an incident, assesses its materiality, and for a
 * material one drafts the SFC notification; a second person approves the draft after a step-up, and
 * the officer who submitted it on the SFC portal records when, its reference and the evidence. A
 * material incident starts a one-hour clock from its classification (the registers job escalates it).
 * Every write is conditional on the state it was decided from, so two officers never both win.
 */

/** RPT-2: "immediately" is taken as one hour from the classification as material. */
export const NOTIFY_WITHIN_MS = 60 * 60_000;

export async function recordIncident({ ctx, input }: { ctx: ServiceContext; input: RecordIncidentRequest }) {
  const actor = authorize(ctx, "registers.manage");
  const raw = readRequest(RecordIncidentInput, input, { title: "title", summary: "summary" });
  const kind = checkChoice(raw.kind, "kind", INCIDENT_KINDS, "errors.registers.unknownKind");
  const title = checkText(raw.title, "title", "title", { required: true });
  const summary = checkText(raw.summary, "summary", "summary", { required: true });
  return withTransaction(ctx, async (tx) => {
    const incident = await tx.complianceIncident.create({
      data: { kind, title, summary, status: "open", openedById: actor.userId, openedAt: ctx.now() },
      select: { id: true },
    });
    await recordAudit(tx, ctx, { action: "compliance_incident.open", entity: "ComplianceIncident", entityId: incident.id, after: { kind, title } });
    return { id: incident.id };
  });
}

export async function assessMateriality({ ctx, input }: { ctx: ServiceContext; input: AssessMaterialityRequest }) {
  const actor = authorize(ctx, "registers.manage");
  const raw = readRequest(AssessMaterialityInput, input, { reason: "reason" });
  const id = checkId(raw.id, "errors.registers.noSuchIncident");
  const materiality = checkChoice(raw.materiality, "materiality", MATERIALITY, "errors.registers.unknownMateriality");
  const reason = checkText(raw.reason, "reason", "reason", { required: true });
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const before = await tx.complianceIncident.findUnique({ where: { id }, select: { materiality: true, materialityReason: true } });
    if (!before) throw new NotFound(msg("errors.registers.noSuchIncident"));
    // New facts may make an incident material; once material it stays so (its clock must not be stopped by a re-assessment).
    const { count } = await tx.complianceIncident.updateMany({
      where: { id, ...(materiality === "material" ? { OR: [{ materiality: null }, { materiality: "not_material" }] } : { materiality: null }) },
      data: {
        materiality,
        materialityReason: reason,
        assessedById: actor.userId,
        assessedAt: at,
        notifyDueAt: materiality === "material" ? new Date(at.getTime() + NOTIFY_WITHIN_MS) : null,
      },
    });
    if (!count) throw new Conflict(msg(before.materiality === "material" ? "errors.registers.alreadyMaterial" : "errors.registers.alreadyAssessed"));
    await recordAudit(tx, ctx, {
      action: "compliance_incident.assess",
      entity: "ComplianceIncident",
      entityId: id,
      before: { materiality: before.materiality, reason: before.materialityReason },
      after: { materiality, reason },
    });
    return { id, materiality, notifyDueAtMs: materiality === "material" ? at.getTime() + NOTIFY_WITHIN_MS : null };
  });
}

export async function draftNotification({ ctx, input }: { ctx: ServiceContext; input: DraftNotificationRequest }) {
  const actor = authorize(ctx, "registers.manage");
  const raw = readRequest(DraftNotificationInput, input, { text: "draft" });
  const id = checkId(raw.id, "errors.registers.noSuchIncident");
  const text = checkText(raw.text, "text", "draft", { required: true });
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    // A new draft needs a new approval: the approval is of the words that were approved.
    const { count } = await tx.complianceIncident.updateMany({
      where: { id, materiality: "material", notifiedAt: null },
      data: { draftText: text, draftedById: actor.userId, draftedAt: at, approvedById: null, approvedAt: null },
    });
    if (!count) {
      await refuseNotifiable(tx, id);
      throw new Conflict(msg("errors.registers.notMaterial"));
    }
    await recordAudit(tx, ctx, { action: "compliance_incident.draft", entity: "ComplianceIncident", entityId: id, after: { text } });
    return { id, draftVersion: String(at.getTime()) };
  });
}

/** Maker-checker: the approver is not the drafter, and has just proved a second factor. */
export async function approveNotification({ ctx, input }: { ctx: ServiceContext; input: ApproveNotificationRequest }) {
  const actor = authorize(ctx, "registers.manage");
  requireStepUp(ctx);
  const raw = readRequest(ApproveNotificationInput, input);
  const id = checkId(raw.id, "errors.registers.noSuchIncident");
  const version = /^\d{1,16}$/.test(raw.draftVersion) ? new Date(Number(raw.draftVersion)) : null;
  return withTransaction(ctx, async (tx) => {
    const incident = await tx.complianceIncident.findUnique({
      where: { id },
      select: { materiality: true, notifiedAt: true, draftText: true, draftedById: true, draftedAt: true, approvedAt: true },
    });
    if (!incident) throw new NotFound(msg("errors.registers.noSuchIncident"));
    if (incident.materiality !== "material") throw new Conflict(msg("errors.registers.notMaterial"));
    if (incident.notifiedAt) throw new Conflict(msg("errors.registers.alreadyNotified"));
    if (!incident.draftText || !incident.draftedAt) throw new Conflict(msg("errors.registers.noDraft"));
    if (incident.draftedById === actor.userId) throw new Forbidden(msg("errors.registers.drafterCannotApprove"));
    if (!version || version.getTime() !== incident.draftedAt.getTime()) throw new Conflict(msg("errors.registers.draftChanged"));
    if (incident.approvedAt) throw new Conflict(msg("errors.registers.alreadyApproved"));
    const { count } = await tx.complianceIncident.updateMany({
      where: { id, draftedAt: incident.draftedAt, draftedById: { not: actor.userId }, approvedAt: null, notifiedAt: null },
      data: { approvedById: actor.userId, approvedAt: ctx.now() },
    });
    if (!count) throw new Conflict(msg("errors.registers.draftChanged"));
    await recordAudit(tx, ctx, {
      action: "compliance_incident.approve",
      entity: "ComplianceIncident",
      entityId: id,
      after: { draftedById: incident.draftedById, draftedAt: incident.draftedAt.toISOString() },
    });
    return { id };
  });
}

/** The officer submitted the approved notification on the SFC portal (the platform does not file). */
export async function recordNotification({ ctx, input }: { ctx: ServiceContext; input: RecordNotificationRequest }) {
  const actor = authorize(ctx, "registers.manage");
  const raw = readRequest(RecordNotificationInput, input, { reference: "reference", evidence: "evidence" });
  const id = checkId(raw.id, "errors.registers.noSuchIncident");
  const reference = checkText(raw.reference, "reference", "reference", { required: true });
  const evidence = checkText(raw.evidence, "evidence", "evidence", { required: true });
  const at = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const { count } = await tx.complianceIncident.updateMany({
      where: { id, materiality: "material", notifiedAt: null, approvedAt: { not: null } },
      data: { notifiedAt: at, notifiedById: actor.userId, sfcReference: reference, evidence },
    });
    if (!count) {
      await refuseNotifiable(tx, id);
      throw new Conflict(msg("errors.registers.notApproved"));
    }
    await recordAudit(tx, ctx, { action: "compliance_incident.notified", entity: "ComplianceIncident", entityId: id, after: { reference, evidence } });
    return { id, notifiedAtMs: at.getTime() };
  });
}

/** Says why an incident cannot take a notification step: unknown, not material, or already notified. */
async function refuseNotifiable(tx: Tx, id: string): Promise<void> {
  const incident = await tx.complianceIncident.findUnique({ where: { id }, select: { materiality: true, notifiedAt: true } });
  if (!incident) throw new NotFound(msg("errors.registers.noSuchIncident"));
  if (incident.materiality !== "material") throw new Conflict(msg("errors.registers.notMaterial"));
  if (incident.notifiedAt) throw new Conflict(msg("errors.registers.alreadyNotified"));
}
