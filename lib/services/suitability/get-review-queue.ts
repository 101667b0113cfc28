import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import { recordClientDataAccess } from "@/lib/services/client-data-access";

export interface QueueItem {
  userId: string;
  clientName: string;
  clientEmail: string;
  status: OnboardingStatus;
  statusChangedAt: Date;
  submissionId: string;
  version: number;
  submittedAt: Date;
  category: string;
  piPassed: boolean;
  knowledgePassed: boolean;
  quizPassed: boolean;
  evaluatorPassed: boolean;
}

/** A case waiting for an officer's decision. */
const OPEN: OnboardingStatus[] = ["SUBMITTED", "PENDING_SECOND_APPROVAL"];

/** The compliance queue: cases waiting for a decision first (oldest first), then recent decisions. */
export async function getReviewQueue({ ctx }: { ctx: ServiceContext }): Promise<{ open: QueueItem[]; decided: QueueItem[] }> {
  const actor = authorize(ctx, "clients.read");
  await recordClientDataAccess(ctx.db, actor, { resource: "review_queue", purpose: "suitability review queue" }, ctx.now());
  const rows = await ctx.db.onboardingCase.findMany({
    where: { latestSubmissionId: { not: null } },
    include: {
      user: { select: { name: true, email: true } },
      latestSubmission: {
        select: { id: true, version: true, submittedAt: true, piPassed: true, knowledgePassed: true, quizPassed: true, evaluatorPassed: true, record: true },
      },
    },
    orderBy: { statusChangedAt: "asc" },
    take: 500,
  });
  const items: QueueItem[] = rows.map((r) => ({
    userId: r.userId,
    clientName: r.user.name,
    clientEmail: r.user.email,
    status: r.status,
    statusChangedAt: r.statusChangedAt,
    submissionId: r.latestSubmission!.id,
    version: r.latestSubmission!.version,
    submittedAt: r.latestSubmission!.submittedAt,
    category: String((r.latestSubmission!.record as unknown as SubmissionRecord).draft.category),
    piPassed: r.latestSubmission!.piPassed,
    knowledgePassed: r.latestSubmission!.knowledgePassed,
    quizPassed: r.latestSubmission!.quizPassed,
    evaluatorPassed: r.latestSubmission!.evaluatorPassed,
  }));
  return {
    open: items.filter((i) => OPEN.includes(i.status)),
    decided: items
      .filter((i) => !OPEN.includes(i.status))
      .reverse()
      .slice(0, 50),
  };
}
