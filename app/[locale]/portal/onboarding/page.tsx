import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NoticeList } from "@/components/notice-list";
import { TableShell } from "@/components/ui/table-shell";
import { Link } from "@/lib/i18n/navigation";
import { requirePermission } from "@/lib/transport/session";
import { requestMessages } from "@/lib/transport/messages";
import { formatUtc } from "@/lib/format";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import type { OnboardingView } from "@/lib/services/suitability/onboarding-view";
import { listClientNotices } from "@/lib/services/suitability/list-client-notices";
import type { ReadinessItem } from "@/lib/services/suitability/submission";
import styles from "./onboarding.module.css";
import { PerpsAccessPanel } from "../perps-access-panel";
import { SubmitForm } from "./submit-form";
import { CorporateAndCircumstancesPanel } from "./corporate/overview-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.overview");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** Where each step of the application is done; its name is onboarding.steps. */
const STEPS: Record<ReadinessItem["step"], string> = {
  category: "/portal/onboarding/evidence#category",
  evidence: "/portal/onboarding/evidence",
  knowledge: "/portal/onboarding/knowledge",
  net_worth: "/portal/onboarding/net-worth",
  risk_quiz: "/portal/onboarding/quiz",
  disclosures: "/portal/onboarding/risk-disclosures",
};

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

/**
 * The onboarding wizard's overview: where the application stands and why, what the client may trade,
 * what is left to do, the submission itself and its history, and the client's notices.
 */
export default async function OnboardingPage() {
  const ctx = await requirePermission("portal.view");
  const [view, notices] = await Promise.all([getOnboarding({ ctx }), listClientNotices({ ctx })]);
  const done = view.ready.filter((item) => item.ok).length;
  const t = await getTranslations("onboarding.overview");
  const onboarding = await getTranslations("onboarding");
  const text = await requestMessages();
  const blocked = await blockedReason(view);
  return (
    <article className="stack">
      <div className="prose">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>

      <StatusBanner view={view} />
      <PerpsAccessPanel entitlement={view.entitlement} title={t("accessTitle")} />

      <section className="panel" aria-labelledby="checklist">
        <h2 id="checklist">{t("application.title")}</h2>
        <p>{t("application.progress", { done, total: view.ready.length, date: view.assessmentDate })}</p>
        <ol className={styles.checklist}>
          {view.ready.map((item) => (
            <li key={item.step}>
              <span className={item.ok ? "pill pill--ok" : "pill pill--warn"}>{item.ok ? t("application.done") : t("application.toDo")}</span>{" "}
              <Link href={STEPS[item.step]}>{onboarding("steps", { step: item.step })}</Link>
              <span className={styles.stepMessage}>{text(item.message)}</span>
            </li>
          ))}
        </ol>
        <p className="field__hint">{t.rich("application.course", { link: (chunks) => <Link href="/portal/onboarding/course">{chunks}</Link> })}</p>
        <p className="field__hint">
          {onboarding.rich("vaKnowledge.overviewLink", { link: (chunks) => <Link href="/portal/onboarding/va-knowledge">{chunks}</Link> })}
        </p>
      </section>

      <CorporateAndCircumstancesPanel ctx={ctx} />

      <section className="panel" aria-labelledby="submit">
        <h2 id="submit">{t("submitTitle")}</h2>
        <SubmitForm canSubmit={view.canSubmit} blockedReason={blocked} />
      </section>

      <section aria-labelledby="history">
        <h2 id="history">{t("history.title")}</h2>
        {view.submissions.length === 0 ? (
          <p>{t("history.none")}</p>
        ) : (
          <TableShell caption={t("history.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("history.version")}</th>
                <th scope="col">{t("history.submitted")}</th>
                <th scope="col">{t("history.recordHash")}</th>
                <th scope="col">{t("history.evaluation")}</th>
                <th scope="col">{t("history.decisions")}</th>
              </tr>
            </thead>
            <tbody>
              {view.submissions.map((submission) => (
                <tr key={submission.id}>
                  <td className="num">{submission.version}</td>
                  <td className="nowrap">{formatUtc(submission.submittedAt.getTime())}</td>
                  <td className="nowrap">
                    <code title={submission.recordHash}>{submission.recordHash.slice(0, 12)}</code>
                  </td>
                  <td>{submission.evaluatorPassed ? t("history.allTestsMet") : t("history.notAllTestsMet")}</td>
                  <td>
                    {submission.decisions.length === 0 ? (
                      <span className="muted">{t("history.noDecision")}</span>
                    ) : (
                      <ul className={styles.plainList}>
                        {submission.decisions.map((decision) => (
                          <li key={`${decision.decidedAt.getTime()}-${decision.decision}`}>
                            {t.rich("history.decision", {
                              decision: decision.decision,
                              at: formatUtc(decision.decidedAt.getTime()),
                              reason: decision.reason,
                              strong,
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>

      <section aria-labelledby="notices">
        <h2 id="notices">{t("notices.title")}</h2>
        {notices.length === 0 ? <p>{t("notices.none")}</p> : <NoticeList notices={notices} when={(createdAt) => formatUtc(createdAt.getTime())} />}
      </section>
    </article>
  );
}

/**
 * What each status tells the client, without and with the time it took effect (onboarding.status). The second
 * officer's confirmation is internal, so it reads as "with a compliance officer" here and in the heading.
 */
const STATUS_TEXT = {
  DRAFT: ["draft", "draft"],
  SUBMITTED: ["withOfficer", "withOfficerSince"],
  PENDING_SECOND_APPROVAL: ["withOfficer", "withOfficerSince"],
  INFO_REQUESTED: ["infoRequested", "infoRequestedOn"],
  REJECTED: ["rejected", "rejectedOn"],
  APPROVED: ["approved", "approvedOn"],
} as const satisfies Record<OnboardingView["status"], readonly [string, string]>;

async function StatusBanner({ view }: { view: OnboardingView }) {
  const t = await getTranslations("onboarding.status");
  const { status, statusReason, statusChangedAt } = view;
  const tone = status === "APPROVED" ? "alert--ok" : status === "REJECTED" || status === "INFO_REQUESTED" ? "alert--warn" : "";
  const at = statusChangedAt && status !== "DRAFT" ? formatUtc(statusChangedAt.getTime()) : null;
  const [undated, dated] = STATUS_TEXT[status];
  // A section with its own heading and test id rather than the shared Alert, which holds a message, not a region.
  return (
    <section className={`alert ${tone}`} data-testid="onboarding-status" aria-labelledby="status-heading">
      <h2 id="status-heading" className={styles.bannerTitle}>
        {t("heading", { status })}
      </h2>
      <p>{at ? t(dated, { at }) : t(undated)}</p>
      {statusReason ? <p>{t.rich("officerReason", { reason: statusReason, strong })}</p> : null}
    </section>
  );
}

async function blockedReason(view: OnboardingView): Promise<string | null> {
  if (view.canSubmit) return null;
  const t = await getTranslations("onboarding");
  if (view.status === "SUBMITTED" || view.status === "PENDING_SECOND_APPROVAL") return t("blocked.withOfficer");
  const missing = view.ready.filter((item) => !item.ok);
  if (missing.length > 0) return t("blocked.stepsLeft", { steps: missing.map((item) => t("steps", { step: item.step })).join(t("listSeparator")) });
  return t("blocked.notNow");
}
