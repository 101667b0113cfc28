import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { RecordForm } from "@/components/corporate-pi/record-form";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { requireStepUp, STEP_UP_WINDOW_MS, type ServiceContext } from "@/lib/services/context";
import { StepUpRequired } from "@/lib/services/errors";
import { listCircumstanceChanges } from "@/lib/services/suitability/list-circumstance-changes";
import { RE_REVIEW_OUTCOMES, type CircumstanceCategory } from "@/lib/suitability/corporate-pi";
import { decideCircumstanceChangeAction } from "./corporate-actions";

function stepUpFresh(ctx: ServiceContext): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired) return false;
    throw error;
  }
}

/**
 * SUIT-8 in the review queue: each change of circumstances a client reported, waiting for re-review,
 * with the report as written and the form for the outcome; then the latest decided ones.
 */
export async function CircumstanceChanges({ ctx }: { ctx: ServiceContext }) {
  const { waiting, decided } = await listCircumstanceChanges({ ctx });
  const t = await getTranslations("compliance.circumstances");
  const categories = await getTranslations("onboarding.circumstances.category");
  const mayDecide = ctx.actor !== null && can(ctx.actor.roles, "reviews.decide");
  const stepUpLink = (chunks: ReactNode) => <Link href="/step-up?next=/compliance/reviews">{chunks}</Link>;
  const note =
    mayDecide && !stepUpFresh(ctx) ? (
      <Alert tone="warn">{t.rich("stepUpFirst", { minutes: String(STEP_UP_WINDOW_MS / 60_000), link: stepUpLink })}</Alert>
    ) : null;
  return (
    <section aria-labelledby="circumstance-changes" className="stack" data-testid="circumstance-changes">
      <h2 id="circumstance-changes">{t("title", { count: waiting.length })}</h2>
      <p>{t("lead")}</p>
      {waiting.length === 0 ? <p>{t("none")}</p> : null}
      {waiting.map((change) => (
        <section key={change.id} className="panel" aria-label={t("entryLabel", { client: change.clientEmail })}>
          <p>
            <strong>{change.clientName}</strong> ({change.clientEmail}) — {t("reported", { at: formatUtc(change.reportedAt.getTime()) })} —{" "}
            {categories(change.category as CircumstanceCategory)}
          </p>
          <blockquote>{change.description}</blockquote>
          <p className="field__hint">
            <code title={change.contentHash}>{change.contentHash.slice(0, 12)}</code>
          </p>
          {mayDecide ? (
            <RecordForm
              action={decideCircumstanceChangeAction}
              label={t("formLabel", { client: change.clientEmail })}
              idPrefix={`change-${change.id}`}
              hidden={{ changeId: change.id }}
              note={note}
              fields={[
                { kind: "radio", name: "outcome", label: t("outcome"), options: RE_REVIEW_OUTCOMES.map((value) => ({ value, label: t(`outcomes.${value}`) })) },
                { kind: "textarea", name: "reason", label: t("reason"), maxLength: 2000 },
              ]}
              submit={t("submit")}
              submitting={t("submitting")}
            />
          ) : null}
        </section>
      ))}
      {decided.length > 0 ? (
        <details>
          <summary>{t("decidedTitle")}</summary>
          <ul>
            {decided.map((change) => (
              <li key={change.id}>
                {t("decidedEntry", {
                  client: change.clientEmail,
                  category: categories(change.category as CircumstanceCategory),
                  outcome: t(`outcomes.${change.review!.outcome as (typeof RE_REVIEW_OUTCOMES)[number]}`),
                  officer: change.review!.officerEmail,
                  at: formatUtc(change.review!.decidedAt.getTime()),
                  reason: change.review!.reason,
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** On a client's review case: the changes of circumstances the client reported that still wait for re-review (SUIT-8). */
export async function ReReviewFlag({ ctx, clientUserId }: { ctx: ServiceContext; clientUserId: string }) {
  const { waiting } = await listCircumstanceChanges({ ctx });
  const own = waiting.filter((change) => change.userId === clientUserId);
  if (own.length === 0) return null;
  const t = await getTranslations("compliance.circumstances");
  return (
    <Alert tone="warn">{t.rich("flag", { count: own.length, link: (chunks) => <Link href="/compliance/reviews#circumstance-changes">{chunks}</Link> })}</Alert>
  );
}
