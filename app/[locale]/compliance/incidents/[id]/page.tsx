import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { IncidentReportView } from "@/components/incidents/incident-report";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { INCIDENT_POLICY } from "@/lib/incidents/policy";
import { requireStepUp, STEP_UP_WINDOW_MS, type Actor, type ServiceContext } from "@/lib/services/context";
import { NotFound, StepUpRequired } from "@/lib/services/errors";
import { getIncident, type IncidentDetail, type IncidentPerson } from "@/lib/services/incidents/get-incident";
import { NARRATIVE_MAX_CHARS } from "@/lib/services/incidents/schemas";
import { LIMITS } from "@/lib/services/registers/schemas";
import { requirePermission } from "@/lib/transport/session";
import { isIncidentStep, isKnownStatus, STATUS_TONE } from "../labels";
import { ReportClock } from "../report-clock";
import type { IncidentStepDone } from "./actions";
import styles from "./page.module.css";
import { NarrativeForm, ReturnForm, StepForm } from "./workflow-forms";
import { completeTaskAction } from "../../registers/actions";
import { RegisterForm } from "../../registers/register-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.incidents.detail");
  return { title: t("metaTitle") };
}

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE: readonly IncidentStepDone[] = ["saved", "submitted", "returned", "approved", "published"];

/** Audit actions of the workflow, each with the words the history shows; other actions show as recorded. */
const HISTORY_KEYS = {
  "incident.narrative_save": "narrativeSave",
  "incident.submit": "submit",
  "incident.return": "return",
  "incident.approve": "approve",
  "incident.publish": "publish",
  "incident.escalation": "escalation",
  "incident.overdue": "overdue",
  "incident.sfc_cover_download": "sfcCoverDownload",
} as const;

/**
 * One incident's post-event report (DISC-7): the 24-hour clock, who signed what, the step the reader
 * may take now (a compliance officer writes and submits, a Responsible Officer approves after a
 * step-up or sends it back, either publishes), the draft report and the history from the audit log.
 */
export default async function IncidentPage({ params, searchParams }: Props) {
  const ctx = await requirePermission("incidents.read");
  const { id } = await params;
  let incident: IncidentDetail;
  try {
    incident = await getIncident({ ctx, input: { incidentId: id } });
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  const t = await getTranslations("compliance.incidents");
  const done = (await searchParams).done;
  const { narrative } = incident;
  const complete =
    narrative.cause && narrative.impact && narrative.remediation
      ? { cause: narrative.cause, impact: narrative.impact, remediation: narrative.remediation }
      : undefined;
  const warnBeforeMs = INCIDENT_POLICY.escalateBeforeDueMs[0];
  const status = isKnownStatus(incident.status) ? <span className={STATUS_TONE[incident.status]}>{t(`status.${incident.status}`)}</span> : incident.status;

  return (
    <article className="stack">
      <div>
        <p>
          <Link href="/compliance/incidents">{t("detail.back")}</Link>
        </p>
        <h1>{t("detail.title", { market: incident.market, id: incident.id })}</h1>
        <p className="lead">
          {t("detail.lead", {
            started: formatUtc(incident.startedAtMs),
            last: formatUtc(incident.lastAtMs),
            steps: incident.steps.map((step) => (isIncidentStep(step) ? t(`steps.${step}`) : step)).join(", "),
          })}
        </p>
        {typeof done === "string" && (DONE as readonly string[]).includes(done) ? (
          <Alert tone="ok">{t(`detail.done.${done as IncidentStepDone}`)}</Alert>
        ) : null}
      </div>

      <section className="panel" aria-labelledby="clock-heading">
        <h2 id="clock-heading">{t("detail.clock.title")}</h2>
        <p>
          <ReportClock
            deadlineMs={incident.deadlineAt.getTime()}
            renderedAtMs={ctx.now().getTime()}
            publishedAtMs={incident.publishedAt?.getTime() ?? null}
            warnBeforeMs={warnBeforeMs}
          />{" "}
          {incident.overdueAt ? <span className="pill pill--high">{t("list.overdue")}</span> : null}
        </p>
        <ul>
          <li>{t("detail.clock.deadline", { deadline: formatUtc(incident.deadlineAt.getTime()) })}</li>
          {INCIDENT_POLICY.escalateBeforeDueMs.map((beforeMs, i) => {
            const sentAt = i === 0 ? incident.escalatedT6At : incident.escalatedT2At;
            const hours = beforeMs / 3_600_000;
            return (
              <li key={beforeMs}>
                {sentAt ? t("detail.clock.reminderSent", { hours, time: formatUtc(sentAt.getTime()) }) : t("detail.clock.reminderNotSent", { hours })}
              </li>
            );
          })}
          {incident.overdueAt ? <li>{t("detail.clock.overdueSince", { time: formatUtc(incident.overdueAt.getTime()) })}</li> : null}
        </ul>
      </section>

      <section aria-labelledby="signoffs-heading">
        <h2 id="signoffs-heading">{t("detail.signoffs.title")}</h2>
        <dl className="facts">
          <Fact term={t("detail.signoffs.status")}>{status}</Fact>
          <Fact term={t("detail.signoffs.submitted")}>{await signedBy(incident.submittedBy, incident.submittedAt)}</Fact>
          <Fact term={t("detail.signoffs.approved")}>
            {await signedBy(incident.approvedBy, incident.approvedAt)}
            {incident.approvalStepUpAt ? (
              <>
                <br />
                <span className="muted">{t("detail.signoffs.stepUp", { time: formatUtc(incident.approvalStepUpAt.getTime()) })}</span>
              </>
            ) : null}
          </Fact>
          <Fact term={t("detail.signoffs.published")}>{await signedBy(incident.publishedBy, incident.publishedAt)}</Fact>
          {incident.publishedHash ? (
            <>
              <Fact term={t("detail.signoffs.hash")}>
                <code>{incident.publishedHash}</code>
              </Fact>
              <Fact term={t("detail.signoffs.notified")}>{t("detail.signoffs.clients", { count: incident.clientsNotified })}</Fact>
              <Fact term={t("detail.signoffs.publicPage")}>
                <Link href={`/disclosures/incidents/${encodeURIComponent(incident.id)}`}>{t("detail.signoffs.openPublicPage")}</Link>
              </Fact>
            </>
          ) : null}
        </dl>
      </section>

      <SfcNotificationSection ctx={ctx} incident={incident} />

      <section className="panel stack" aria-labelledby="step-heading">
        <h2 id="step-heading">{t("detail.step.title")}</h2>
        <NextStep ctx={ctx} incident={incident} complete={complete !== undefined} />
      </section>

      {incident.status === "draft" && can(ctx.actor.roles, "incidents.write") ? null : (
        <section aria-labelledby="narrative-heading">
          <h2 id="narrative-heading">{t("detail.narrative.title")}</h2>
          <dl className="facts">
            {(["cause", "impact", "remediation"] as const).map((field) => (
              <Fact key={field} term={t(`detail.narrative.${field}`)} className={styles.text}>
                {narrative[field] ?? <span className="muted">{t("detail.narrative.notWritten")}</span>}
              </Fact>
            ))}
          </dl>
        </section>
      )}

      <section aria-labelledby="report-heading">
        <h2 id="report-heading">{t("detail.report.title")}</h2>
        {incident.report ? <IncidentReportView report={incident.report} narrative={complete} /> : <p>{t("detail.report.none")}</p>}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("detail.history.title")}</h2>
        {incident.history.length === 0 ? (
          <p>{t("detail.history.none")}</p>
        ) : (
          <TableShell caption={t("detail.history.title")}>
            <thead>
              <tr>
                <th scope="col">{t("detail.history.when")}</th>
                <th scope="col">{t("detail.history.who")}</th>
                <th scope="col">{t("detail.history.what")}</th>
                <th scope="col">{t("detail.history.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {incident.history.map((entry) => (
                <tr key={entry.seq}>
                  <td className="nowrap">{formatUtc(entry.at.getTime())}</td>
                  <td>{entry.actorEmail ?? <span className="muted">{t("detail.history.clock")}</span>}</td>
                  <td>
                    {entry.action in HISTORY_KEYS ? t(`detail.history.actions.${HISTORY_KEYS[entry.action as keyof typeof HISTORY_KEYS]}`) : entry.action}
                  </td>
                  <td>{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
      </section>
    </article>
  );
}

function Fact({ term, className, children }: { term: string; className?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}

async function signedBy(person: IncidentPerson | null, at: Date | null): Promise<string> {
  const t = await getTranslations("compliance.incidents.detail.signoffs");
  if (!person || !at) return t("notYet");
  return t("by", { name: person.name, email: person.email, time: formatUtc(at.getTime()) });
}

/** The step the reader may take now, or what the report is waiting for. */
async function NextStep({ ctx, incident, complete }: { ctx: ServiceContext & { actor: Actor }; incident: IncidentDetail; complete: boolean }) {
  const t = await getTranslations("compliance.incidents.detail");
  const roles = ctx.actor.roles;
  const here = `/compliance/incidents/${encodeURIComponent(incident.id)}`;
  const stepUpHref = `/step-up?next=${here}`;
  switch (incident.status) {
    case "draft":
      if (!can(roles, "incidents.write")) return <p>{t("waiting.draft")}</p>;
      return (
        <>
          <NarrativeForm incidentId={incident.id} narrative={incident.narrative} maxChars={NARRATIVE_MAX_CHARS} />
          <h3>{t("submit.title")}</h3>
          {complete ? (
            <>
              <p>{t("submit.lead")}</p>
              <StepForm step="submit" incidentId={incident.id} />
            </>
          ) : (
            <p>{t("submit.needsNarrative")}</p>
          )}
        </>
      );
    case "submitted":
      if (!can(roles, "incidents.approve")) return <p>{t("waiting.submitted")}</p>;
      if (incident.submittedBy?.id === ctx.actor.userId) return <Alert tone="warn">{t("approve.ownSubmission")}</Alert>;
      return (
        <>
          <p>{t("approve.lead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}</p>
          {stepUpIsFresh(ctx) ? (
            <StepForm step="approve" incidentId={incident.id} stepUpHref={stepUpHref} />
          ) : (
            <p>
              <Link href={stepUpHref} className="button">
                {t("approve.stepUpFirst")}
              </Link>
            </p>
          )}
          <h3>{t("return.title")}</h3>
          <ReturnForm incidentId={incident.id} />
        </>
      );
    case "approved":
      if (!can(roles, "incidents.publish")) return <p>{t("waiting.approved")}</p>;
      return (
        <>
          <p>{t("publish.lead", { clients: incident.clientCount })}</p>
          <StepForm step="publish" incidentId={incident.id} />
        </>
      );
    case "published":
      return <p>{t("waiting.published")}</p>;
    default:
      return <p>{t("waiting.open")}</p>;
  }
}

/** The same rule the approval enforces (requireStepUp), asked ahead so the page can offer the step-up first. */
function stepUpIsFresh(ctx: ServiceContext): boolean {
  try {
    requireStepUp(ctx);
    return true;
  } catch (error) {
    if (error instanceof StepUpRequired) return false;
    throw error;
  }
}

/**
 * The SFC is sent the published report under its cover (alongside the clients' notices): the task's
 * deadline, the cover to download once published, and the send as recorded with its evidence.
 */
async function SfcNotificationSection({ ctx, incident }: { ctx: ServiceContext & { actor: Actor }; incident: IncidentDetail }) {
  const t = await getTranslations("compliance.incidents.detail.sfc");
  const task = incident.sfcNotification;
  const published = incident.status === "published";
  const here = `/compliance/incidents/${encodeURIComponent(incident.id)}`;
  const coverHref = `/api/compliance/incidents/${encodeURIComponent(incident.id)}/sfc-cover`;
  return (
    <section className="panel stack" aria-labelledby="sfc-heading" data-testid="incident-sfc">
      <h2 id="sfc-heading">{t("title")}</h2>
      {task ? (
        <>
          <dl className="facts">
            <Fact term={t("due")}>{formatUtc(task.dueAt.getTime())}</Fact>
            <Fact term={t("status")}>
              <span data-testid="incident-sfc-status" data-sent={task.sentAt ? "true" : "false"}>
                {task.sentAt && task.sentBy
                  ? t("sent", { time: formatUtc(task.sentAt.getTime()), name: task.sentBy.name, email: task.sentBy.email })
                  : t("notSent")}
              </span>
            </Fact>
            {task.evidence ? <Fact term={t("evidence")}>{task.evidence}</Fact> : null}
          </dl>
          {published ? (
            <p>
              {/* A file download from a route handler, not a page: a plain link. */}
              <a href={coverHref} data-testid="incident-sfc-cover" download>
                {t("download")}
              </a>{" "}
              <a href={`${coverHref}?locale=zh-HK`} download>
                {t("downloadChinese")}
              </a>
            </p>
          ) : (
            <p>{t("afterPublication")}</p>
          )}
          {published && !task.sentAt && can(ctx.actor.roles, "registers.manage") ? (
            <RegisterForm
              action={completeTaskAction}
              label={t("recordLabel")}
              submit={t("record")}
              hidden={{ id: task.taskId }}
              testId="incident-sfc-record"
              stepUpHref={`/step-up?next=${here}`}
              fields={[{ name: "evidence", label: t("evidenceField"), kind: "text", maxLength: LIMITS.evidence }]}
            />
          ) : null}
        </>
      ) : (
        <p>{t("noTask")}</p>
      )}
    </section>
  );
}
