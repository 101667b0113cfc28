import "server-only";
import { ROLE_FAMILY } from "@/lib/auth/permissions";
import type { Actor, ServiceContext, Tx } from "@/lib/services/context";

/**
 * AFMM-7 information-barrier evidence: every staff read of client-identifying data leaves a row
 * saying who read what, when and why. Called by the verbs that return such data, after `authorize`,
 * in the same transaction as the read where there is one (so the log and the read stand together).
 * The AFMM family can never reach these verbs (the permission table denies them); if one ever did,
 * its read is logged under family AFMM and stands out in the quarterly access review.
 */
export interface ClientDataRead {
  /** What was read, e.g. "review_case", "afmm_review", "audit_log", "notice_deliveries". */
  resource: string;
  /** The client whose data it was, when one client's data was read. */
  subjectUserId?: string | null;
  /** Another reference to what was read (a review id, an export's filter) when no single client is named. */
  subjectRef?: string | null;
  /** Why: the workflow the read served (e.g. "suitability review", "AFMM trade review"). */
  purpose: string;
  route?: string | null;
}

export async function recordClientDataAccess(db: Tx | ServiceContext["db"], actor: Actor, read: ClientDataRead, at: Date): Promise<void> {
  const families = [...new Set(actor.roles.map((role) => ROLE_FAMILY[role]))];
  await db.clientDataAccess.create({
    data: {
      userId: actor.userId,
      roles: [...actor.roles],
      family: families.join(","),
      resource: read.resource.slice(0, 64),
      subjectUserId: read.subjectUserId ?? null,
      subjectRef: read.subjectRef?.slice(0, 200) ?? null,
      purpose: read.purpose.slice(0, 200),
      route: read.route?.slice(0, 200) ?? null,
      at,
    },
  });
}
