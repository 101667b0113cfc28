import type { getTranslations } from "next-intl/server";
import { isRootCause } from "@/lib/complaints/policy";

export type ComplaintsT = Awaited<ReturnType<typeof getTranslations<"complaints">>>;

interface RowState {
  status: string;
  closedAtMs: number | null;
  acknowledgeOverdue: boolean;
  responseOverdue: boolean;
  escalated: boolean;
  letterDrafted: boolean;
  reviewed: boolean;
  fdrcReferredAtMs: number | null;
  rootCauses: string[];
}

/** The row's state in words: its status, then each flag that applies. */
export function stateWords(row: RowState, t: ComplaintsT): string[] {
  const words = [t(`staff.status.${row.status === "closed" ? "closed" : row.status === "acknowledged" ? "acknowledged" : "open"}`)];
  if (row.closedAtMs === null && (row.acknowledgeOverdue || row.responseOverdue)) words.push(t("staff.flags.overdue"));
  if (row.closedAtMs !== null && row.responseOverdue) words.push(t("staff.flags.closedLate"));
  if (row.escalated) words.push(t("staff.flags.escalated"));
  if (row.closedAtMs === null && row.letterDrafted) words.push(t(row.reviewed ? "staff.flags.reviewed" : "staff.flags.awaitingReview"));
  if (row.fdrcReferredAtMs !== null) words.push(t("staff.flags.referred"));
  if (row.rootCauses.length) words.push(row.rootCauses.map((cause) => (isRootCause(cause) ? t(`rootCauses.${cause}`) : cause)).join(", "));
  return words;
}
