import "server-only";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/chain";
import type { ServiceContext, Tx } from "@/lib/services/context";

/**
 * The actions the audit log knows. Later services add theirs here (assessment decisions, parameter
 * changes, report generation, review decisions, scenario injection) so the filter list stays complete.
 */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.lockout",
  "auth.sign_out",
  "auth.step_up",
  "auth.step_up_failed",
  "user.sign_up",
  "user.sign_up_existing_email",
  "user.password_change",
  "user.totp_enrolment_started",
  "user.totp_enrolled",
  "user.email_verification_sent",
  "user.email_verification_failed",
  "user.email_verified",
  "auth.new_device",
  "user.roles_change",
  "demo.seed",
  "assessment.decision",
  "parameters.change",
  "report.generate",
  "review.course_confirmed",
  "review.decision",
  "review.role_confirmed",
  "scenario.inject",
  "trading.account_open",
  "trading.deposit",
  "trading.order_place",
  "trading.order_cancel",
  "trading.command_rejected",
  "disclosure.acknowledged",
  "onboarding.draft_change",
  "onboarding.document_upload",
  "onboarding.document_delete",
  "onboarding.submit",
  "onboarding.expiry_reminder",
  "quiz.start",
  "quiz.submit",
  "trading.order_refused",
  "trading.reduce_only_set",
  "trading.reduce_only_lifted",
  "afmm.affiliate_register",
  "afmm.affiliate_end",
  "afmm.staff_registration_add",
  "afmm.staff_registration_end",
  "afmm.designation_assign",
  "afmm.designation_end",
  "afmm.sfc_notification_record",
  "afmm.sfc_notification_withdraw",
  "afmm.order_entry_suspended",
  "afmm.order_entry_resumed",
  "onboarding.pi_withdrawn",
  "onboarding.pi_revoked",
  "notice.read",
  "notice.read_all",
  "incident.narrative_save",
  "incident.submit",
  "incident.return",
  "incident.approve",
  "incident.publish",
  "incident.escalation",
  "incident.overdue",
  "corporate_pi.assessment",
  "corporate_pi.consent",
  "corporate_pi.trader_add",
  "corporate_pi.trader_remove",
  "corporate_pi.trader_assessment",
  "circumstances.report",
  "circumstances.re_review",
  "afmm.review_open",
  "afmm.review_assign",
  "afmm.review_comment",
  "afmm.review_decide",
  "afmm.surveillance_replay",
  "conflict.create",
  "conflict.update",
  "policy.publish",
  "policy.attest",
  "compliance_incident.open",
  "access_review.generate",
  "risk.propose",
  "risk.propose_refused",
  "risk.approve",
  "risk.reject",
  "risk.withdraw",
  "risk.apply",
  "risk.apply_failed",
  "risk.act_at_once",
  "risk.stress_run",
  "report.pack_request",
  "report.pack_cancel",
  "report.pack_generated",
  "report.pack_failed",
  "report.pack_restart",
  "report.pack_download",
  "report.pack_filed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditInput = z.object({
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string().min(1).max(64),
  entityId: z.string().max(200).nullish(),
  before: z.unknown().optional().meta({ bounded: "written by services from validated input, never taken from a request" }),
  after: z.unknown().optional().meta({ bounded: "written by services from validated input, never taken from a request" }),
  reason: z.string().max(2000).nullish(),
  /** For actions without a signed-in actor (sign-up, a failed sign-in): who it was about. */
  actorEmail: z.string().max(320).nullish(),
});
export type AuditInput = z.input<typeof AuditInput>;

/**
 * The one way services write the audit log: inside their own transaction (`tx`), so a failed audit
 * write rolls back the change it records. Never put secrets (hashes, TOTP secrets) in before/after.
 */
export async function recordAudit(tx: Tx, ctx: ServiceContext, input: AuditInput): Promise<void> {
  const entry = AuditInput.parse(input);
  await appendAuditEntry(
    tx,
    {
      actorId: ctx.actor?.userId ?? null,
      actorEmail: ctx.actor?.email ?? entry.actorEmail ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
      reason: entry.reason,
    },
    ctx.now(),
  );
}
