import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { hongKongDate } from "@/lib/reports/period";
import { hasFreshStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { PERSONNEL_NOTICE_BUSINESS_DAYS } from "@/lib/services/registers/due-dates";
import { NOTIFY_WITHIN_MS } from "@/lib/services/registers/incident-register";
import { readRegisters, type Registers } from "@/lib/services/registers/read-registers";
import { INCIDENT_KINDS, LIMITS, MATERIALITY, PERSONNEL_CHANGES, PERSONNEL_ROLES } from "@/lib/services/registers/schemas";
import { requirePermission } from "@/lib/transport/session";
import {
  approveNotificationAction,
  assessMaterialityAction,
  completeTaskAction,
  draftNotificationAction,
  recordIncidentAction,
  recordNotificationAction,
  recordPersonnelChangeAction,
} from "./actions";
import { Countdown, RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.registers");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

const STEP_UP_HREF = "/step-up?next=/compliance/registers";

/** RPT-2, RPT-4, RPT-5, RPT-6: dated tasks, the incident register with its SFC notification clock, and the personnel register. */
export default async function RegistersPage() {
  const ctx = await requirePermission("compliance.view");
  const t = await getTranslations("compliance.registers");
  const registers = await readRegisters({ ctx });
  const canManage = can(ctx.actor.roles, "registers.manage");
  const now = registers.nowMs;
  const stepUpFresh = hasFreshStepUp(ctx);
  const kindOptions = INCIDENT_KINDS.map((value) => ({ value, label: t(`incidents.kinds.${value}`) }));

  return (
    <article className="section-page wide-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { hours: NOTIFY_WITHIN_MS / 3_600_000, days: PERSONNEL_NOTICE_BUSINESS_DAYS })}</p>
      {canManage ? null : <p>{t("readOnly")}</p>}

      <section aria-labelledby="registers-tasks">
        <h2 id="registers-tasks">{t("tasks.heading")}</h2>
        <p>{t("tasks.lead")}</p>
        {registers.tasks.length === 0 ? (
          <p data-testid="register-tasks-empty">{t("tasks.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="register-tasks">
              <caption className="visually-hidden">{t("tasks.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tasks.columns.task")}</th>
                  <th scope="col">{t("tasks.columns.due")}</th>
                  <th scope="col">{t("tasks.columns.left")}</th>
                  {canManage ? <th scope="col">{t("tasks.columns.done")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {registers.tasks.map((task) => (
                  <tr key={task.id} data-testid="register-task" data-kind={task.kind}>
                    <th scope="row">
                      {task.incidentId ? (
                        <Link href={`/compliance/incidents/${encodeURIComponent(task.incidentId)}`}>{taskLabel(t, task)}</Link>
                      ) : (
                        taskLabel(t, task)
                      )}
                    </th>
                    <td data-testid="register-task-due">{t("tasks.dueBy", { date: task.dueDate })}</td>
                    <td>
                      <Countdown dueAtMs={task.dueAtMs} renderedAtMs={now} />
                    </td>
                    {canManage ? (
                      <td>
                        <RegisterForm
                          action={completeTaskAction}
                          label={t("tasks.completeLabel")}
                          submit={t("tasks.complete")}
                          hidden={{ id: task.id }}
                          testId={`task-complete-${task.id}`}
                          stepUpHref={STEP_UP_HREF}
                          fields={[{ name: "evidence", label: t("fields.evidence"), kind: "text", maxLength: LIMITS.evidence }]}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="registers-incidents">
        <h2 id="registers-incidents">{t("incidents.heading")}</h2>
        <p>{t("incidents.lead")}</p>
        {canManage ? (
          <details>
            <summary>{t("incidents.recordHeading")}</summary>
            <RegisterForm
              action={recordIncidentAction}
              label={t("incidents.recordHeading")}
              submit={t("incidents.record")}
              testId="incident-record"
              stepUpHref={STEP_UP_HREF}
              fields={[
                { name: "kind", label: t("fields.kind"), kind: "select", options: kindOptions, defaultValue: "operational" },
                { name: "title", label: t("fields.title"), kind: "text", maxLength: LIMITS.title },
                { name: "summary", label: t("fields.summary"), kind: "textarea", maxLength: LIMITS.summary },
              ]}
            />
          </details>
        ) : null}
        {registers.incidents.length === 0 ? (
          <p data-testid="register-incidents-empty">{t("incidents.empty")}</p>
        ) : (
          <ol className="stack" data-testid="register-incidents">
            {registers.incidents.map((incident) => (
              <IncidentEntry key={incident.id} incident={incident} now={now} canManage={canManage} stepUpFresh={stepUpFresh} actorId={ctx.actor.userId} t={t} />
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="registers-personnel">
        <h2 id="registers-personnel">{t("personnel.heading")}</h2>
        <p>{t("personnel.lead", { days: PERSONNEL_NOTICE_BUSINESS_DAYS })}</p>
        {canManage ? (
          <RegisterForm
            action={recordPersonnelChangeAction}
            label={t("personnel.recordHeading")}
            submit={t("personnel.record")}
            testId="personnel-record"
            stepUpHref={STEP_UP_HREF}
            fields={[
              {
                name: "role",
                label: t("fields.role"),
                kind: "select",
                options: PERSONNEL_ROLES.map((value) => ({ value, label: t(`personnel.roles.${value}`) })),
              },
              {
                name: "change",
                label: t("fields.change"),
                kind: "select",
                options: PERSONNEL_CHANGES.map((value) => ({ value, label: t(`personnel.changes.${value}`) })),
              },
              { name: "personName", label: t("fields.personName"), kind: "text", maxLength: LIMITS.personName },
              { name: "function", label: t("fields.function"), kind: "text", maxLength: LIMITS.function },
              { name: "effectiveDate", label: t("fields.effectiveDate"), kind: "date", hint: t("personnel.dateHint"), defaultValue: hongKongDate(now) },
            ]}
          />
        ) : null}
        {registers.personnel.length === 0 ? (
          <p data-testid="register-personnel-empty">{t("personnel.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="register-personnel">
              <caption className="visually-hidden">{t("personnel.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("personnel.columns.person")}</th>
                  <th scope="col">{t("personnel.columns.change")}</th>
                  <th scope="col">{t("personnel.columns.effective")}</th>
                  <th scope="col">{t("personnel.columns.notice")}</th>
                  <th scope="col">{t("personnel.columns.recorded")}</th>
                </tr>
              </thead>
              <tbody>
                {registers.personnel.map((change) => (
                  <tr key={change.id} data-testid="personnel-change">
                    <th scope="row">
                      {change.personName}
                      <div className="muted">{change.function}</div>
                    </th>
                    <td>
                      {t("personnel.changeText", {
                        role: t(`personnel.roles.${roleKey(change.role)}`),
                        change: t(`personnel.changes.${changeKey(change.change)}`),
                      })}
                    </td>
                    <td>{change.effectiveDate}</td>
                    <td>{change.taskStatus === "done" ? t("personnel.noticeDone") : t("tasks.dueBy", { date: change.taskDueDate })}</td>
                    <td>{t("byAt", { name: change.recordedBy ?? "—", at: formatUtc(change.recordedAtMs) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"compliance.registers">>>;
type Incident = Registers["incidents"][number];

function taskLabel(t: T, task: Registers["tasks"][number]): string {
  switch (task.kind) {
    case "annual_return":
      return t("tasks.kinds.annual_return", { subject: task.title });
    case "audited_accounts":
      return t("tasks.kinds.audited_accounts", { subject: task.title });
    case "fdrc_referral_notification":
      return t("tasks.kinds.fdrc_referral_notification", { subject: task.title });
    case "sfc_event_notification":
      return t("tasks.kinds.sfc_event_notification", { subject: task.title });
    default:
      return t("tasks.kinds.personnel_notification", { subject: task.title });
  }
}

const roleKey = (role: string) => ((PERSONNEL_ROLES as readonly string[]).includes(role) ? (role as (typeof PERSONNEL_ROLES)[number]) : "key_person");
const changeKey = (change: string) => ((PERSONNEL_CHANGES as readonly string[]).includes(change) ? (change as (typeof PERSONNEL_CHANGES)[number]) : "changed");
const kindKey = (kind: string) => ((INCIDENT_KINDS as readonly string[]).includes(kind) ? (kind as (typeof INCIDENT_KINDS)[number]) : "other");

function IncidentEntry({
  incident,
  now,
  canManage,
  stepUpFresh,
  actorId,
  t,
}: {
  incident: Incident;
  now: number;
  canManage: boolean;
  stepUpFresh: boolean;
  actorId: string;
  t: T;
}) {
  const material = incident.materiality === "material";
  const notified = incident.notifiedAtMs !== null;
  return (
    <li
      className="card"
      data-testid="register-incident"
      data-materiality={incident.materiality ?? "unassessed"}
      data-escalated={incident.escalatedAtMs ? "true" : "false"}
    >
      <h3>
        {incident.title} <span className="muted">({t(`incidents.kinds.${kindKey(incident.kind)}`)})</span>
      </h3>
      <p>{incident.summary}</p>
      <dl className="facts">
        <dt>{t("incidents.opened")}</dt>
        <dd>{t("byAt", { name: incident.openedBy ?? "—", at: formatUtc(incident.openedAtMs) })}</dd>
        <dt>{t("incidents.materiality")}</dt>
        <dd>
          {incident.materiality
            ? t(incident.materiality === "material" ? "incidents.material" : "incidents.notMaterial", {
                reason: incident.materialityReason ?? "",
                name: incident.assessedBy ?? "—",
                at: formatUtc(incident.assessedAtMs ?? 0),
              })
            : t("incidents.unassessed")}
        </dd>
        {material ? (
          <>
            <dt>{t("incidents.notify")}</dt>
            <dd data-testid="incident-notify-timer">
              {notified ? (
                t("incidents.notified", { at: formatUtc(incident.notifiedAtMs ?? 0), name: incident.notifiedBy ?? "—", reference: incident.sfcReference ?? "" })
              ) : (
                <>
                  {t("incidents.notifyBy", { at: formatUtc(incident.notifyDueAtMs ?? 0) })}{" "}
                  <Countdown dueAtMs={incident.notifyDueAtMs ?? now} renderedAtMs={now} />
                  {incident.escalatedAtMs ? <strong> {t("incidents.escalated", { at: formatUtc(incident.escalatedAtMs) })}</strong> : null}
                </>
              )}
            </dd>
            {incident.draftText ? (
              <>
                <dt>{t("incidents.draft")}</dt>
                <dd>
                  <blockquote>{incident.draftText}</blockquote>
                  <div className="muted">
                    {t("incidents.draftedBy", { name: incident.draftedBy ?? "—" })}{" "}
                    {incident.approvedAtMs
                      ? t("incidents.approvedBy", { name: incident.approvedBy ?? "—", at: formatUtc(incident.approvedAtMs) })
                      : t("incidents.awaitingApproval")}
                  </div>
                </dd>
              </>
            ) : null}
            {incident.evidence ? (
              <>
                <dt>{t("fields.evidence")}</dt>
                <dd>{incident.evidence}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {canManage && !material ? (
        <RegisterForm
          action={assessMaterialityAction}
          label={t("incidents.assessLabel")}
          submit={t("incidents.assess")}
          hidden={{ id: incident.id }}
          testId={`incident-assess-${incident.id}`}
          stepUpHref={STEP_UP_HREF}
          fields={[
            {
              name: "materiality",
              label: t("fields.materiality"),
              kind: "select",
              options: MATERIALITY.filter((value) => incident.materiality === null || value === "material").map((value) => ({
                value,
                label: t(`incidents.materialityChoices.${value}`),
              })),
            },
            { name: "reason", label: t("fields.reason"), kind: "textarea", maxLength: LIMITS.reason },
          ]}
        />
      ) : null}
      {canManage && material && !notified ? (
        <>
          <RegisterForm
            action={draftNotificationAction}
            label={t("incidents.draftLabel")}
            submit={incident.draftText ? t("incidents.redraft") : t("incidents.saveDraft")}
            hidden={{ id: incident.id }}
            testId={`incident-draft-${incident.id}`}
            stepUpHref={STEP_UP_HREF}
            fields={[{ name: "text", label: t("fields.draft"), kind: "textarea", maxLength: LIMITS.draft, defaultValue: incident.draftText ?? "" }]}
          />
          {incident.draftText && !incident.approvedAtMs && incident.draftVersion ? (
            incident.draftedById === actorId ? (
              <p>{t("incidents.needsSecondPerson")}</p>
            ) : stepUpFresh ? (
              <RegisterForm
                action={approveNotificationAction}
                label={t("incidents.approveLabel")}
                submit={t("incidents.approve")}
                hidden={{ id: incident.id, draftVersion: incident.draftVersion }}
                testId={`incident-approve-${incident.id}`}
                stepUpHref={STEP_UP_HREF}
                fields={[]}
              />
            ) : (
              <p>
                {t("incidents.approveStepUp", { minutes: STEP_UP_WINDOW_MS / 60_000 })}{" "}
                <Link href={STEP_UP_HREF} className="button">
                  {t("stepUpFirst")}
                </Link>
              </p>
            )
          ) : null}
          {incident.approvedAtMs ? (
            <RegisterForm
              action={recordNotificationAction}
              label={t("incidents.notifyLabel")}
              submit={t("incidents.recordNotified")}
              hidden={{ id: incident.id }}
              testId={`incident-notified-${incident.id}`}
              stepUpHref={STEP_UP_HREF}
              fields={[
                { name: "reference", label: t("fields.reference"), kind: "text", maxLength: LIMITS.reference },
                { name: "evidence", label: t("fields.evidence"), kind: "textarea", maxLength: LIMITS.evidence },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </li>
  );
}
