import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { AFMM_GATES } from "@/lib/services/afmm/gates";
import { getAfmmGovernance } from "@/lib/services/afmm/get-afmm-governance";
import { STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { requirePermission } from "@/lib/transport/session";
import {
  addStaffRegistrationAction,
  designateOfficerAction,
  enableOrderEntryAction,
  endAffiliateAction,
  endDesignationAction,
  endStaffRegistrationAction,
  recordSfcNotificationAction,
  registerAffiliateAction,
  withdrawSfcNotificationAction,
} from "./actions";
import { GovernanceForm, type GovernanceField } from "./governance-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("afmm.overview");
  return { title: t("title") };
}

/** AFMM-1, AFMM-4, AFMM-9: the AFMM's order-entry status and the governance records it follows. */
export default async function AfmmPage() {
  const ctx = await requirePermission("afmm.oversight.view");
  const [title, t, format, view] = await Promise.all([
    getTranslations("afmm.overview"),
    getTranslations("afmmGovernance"),
    getFormatter(),
    getAfmmGovernance({ ctx }),
  ]);
  const manage = can(ctx.actor.roles, "afmm.governance.manage");
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  const stepUpAt = ctx.actor.stepUpAt;
  const fresh = stepUpAt && ctx.now().getTime() - stepUpAt.getTime() <= STEP_UP_WINDOW_MS;
  const now = ctx.now().getTime();
  const current = (endedAt: Date | null) => endedAt === null || endedAt.getTime() > now;
  const capacity = (value: string) => (value === "RO" || value === "MIC" ? t(`capacity.${value}`) : value);
  const reasonText = (reason: string | null) =>
    reason === "gates_met" || reason === "no_approved_affiliate" || reason === "no_designated_officer" || reason === "no_sfc_notification"
      ? t(`reason.${reason}`)
      : (reason ?? "");
  const endFields = (id: string, label: string): GovernanceField[] => [
    { name: "id", kind: "hidden", value: id },
    { name: "reason", kind: "text", label, maxLength: 1000 },
  ];
  const engine = view.engine;
  const suspended = typeof engine === "object" ? engine.suspended : !view.gates.enabled;
  const activeRegistrations = view.registrations.filter((r) => current(r.endedAt) && r.effectiveFrom.getTime() <= now);

  // The forms' own words (saved, step-up link) come from this page's namespace.
  return (
    <ClientMessages sections={["afmmGovernance"]}>
      <div className="container section">
        <article className="stack">
          <div className="section-page">
            <h1>{title("title")}</h1>
            <p className="lead">{t("lead")}</p>
            {manage ? (
              fresh ? (
                <Alert tone="ok">{t("stepUpConfirmed", { time: when(stepUpAt), minutes: String(STEP_UP_WINDOW_MS / 60_000) })}</Alert>
              ) : (
                <Alert tone="warn">{t.rich("stepUpNeeded", { link: (chunks) => <Link href="/step-up?next=/afmm">{chunks}</Link> })}</Alert>
              )
            ) : (
              <p className="muted">{t("readOnly")}</p>
            )}
          </div>

          <section className="stack" aria-labelledby="afmm-status">
            <h2 id="afmm-status">{t("status.heading")}</h2>
            <Alert tone={suspended ? "warn" : "ok"} as="div">
              <strong>{suspended ? t("status.suspended") : t("status.enabled")}</strong>
              {typeof engine === "object" && engine.sinceMs !== null ? <> {t("status.since", { time: when(new Date(engine.sinceMs)) })}</> : null}
              {typeof engine === "object" && engine.reason !== null ? <> {t("status.engineReason", { reason: reasonText(engine.reason) })}</> : null}
            </Alert>
            {engine === "unavailable" ? <p className="muted">{t("status.engineUnavailable")}</p> : null}
            {typeof engine === "object" && engine.reason === null ? <p className="muted">{t("status.engineNeverSet")}</p> : null}
            {typeof engine === "object" && engine.suspended === view.gates.enabled ? <p className="muted">{t("status.outOfStep")}</p> : null}
            <TableShell caption={t("status.gatesHeading")} visibleCaption>
              <tbody>
                {AFMM_GATES.map((gate) => (
                  <tr key={gate}>
                    <th scope="row">{t(`status.gate.${gate}`)}</th>
                    <td>{view.gates.missing.includes(gate) ? <strong>{t("status.missing")}</strong> : t("status.met")}</td>
                  </tr>
                ))}
              </tbody>
            </TableShell>
            {manage ? (
              <>
                <p className="muted">{t("status.enableHint")}</p>
                <GovernanceForm id="enable" label={t("status.enable")} fields={[]} submit={t("status.enable")} action={enableOrderEntryAction} />
              </>
            ) : null}
          </section>

          <section className="stack" aria-labelledby="afmm-affiliates">
            <h2 id="afmm-affiliates">{t("affiliates.heading")}</h2>
            <p>{t("affiliates.lead")}</p>
            {view.affiliates.length === 0 ? (
              <p className="muted">{t("common.none")}</p>
            ) : (
              <TableShell caption={t("affiliates.heading")}>
                <thead>
                  <tr>
                    <th scope="col">{t("affiliates.legalName")}</th>
                    <th scope="col">{t("affiliates.relationship")}</th>
                    <th scope="col">{t("affiliates.agreement")}</th>
                    <th scope="col">{t("affiliates.engineAccounts")}</th>
                    <th scope="col">{t("affiliates.approved")}</th>
                    <th scope="col">{t("affiliates.status")}</th>
                    {manage ? <th scope="col">{t("common.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {view.affiliates.map((a) => (
                    <tr key={a.id}>
                      <td>{a.legalName}</td>
                      <td>{a.relationship}</td>
                      <td>
                        {a.agreementRef}
                        <br />
                        <span className="muted">{day(a.agreementDate)}</span>
                      </td>
                      <td>{a.engineAccountIds.join(", ")}</td>
                      <td>{a.approved ? t("affiliates.approvedYes") : t("affiliates.approvedNo")}</td>
                      <td>
                        {current(a.endedAt) ? t("common.current") : t("common.ended", { time: when(a.endedAt!) })}
                        {a.endReason ? (
                          <>
                            <br />
                            <span className="muted">{t("common.endReason", { reason: a.endReason })}</span>
                          </>
                        ) : null}
                      </td>
                      {manage ? (
                        <td>
                          {current(a.endedAt) ? (
                            <GovernanceForm
                              id={`end-affiliate-${a.id}`}
                              label={`${t("common.end")}: ${a.legalName}`}
                              fields={endFields(a.id, t("common.endReasonLabel"))}
                              submit={t("common.end")}
                              action={endAffiliateAction}
                            />
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            )}
            {manage ? (
              <>
                <h3>{t("affiliates.registerHeading")}</h3>
                <GovernanceForm
                  id="register-affiliate"
                  label={t("affiliates.registerHeading")}
                  submit={t("affiliates.register")}
                  action={registerAffiliateAction}
                  fields={[
                    { name: "legalName", kind: "text", label: t("affiliates.legalName"), maxLength: 200 },
                    { name: "relationship", kind: "text", label: t("affiliates.relationship"), maxLength: 500 },
                    { name: "agreementRef", kind: "text", label: t("affiliates.agreementRef"), maxLength: 100 },
                    { name: "agreementDate", kind: "date", label: t("affiliates.agreementDate"), maxLength: 10 },
                    { name: "engineAccountIds", kind: "text", label: t("affiliates.engineAccounts"), hint: t("affiliates.engineAccountsHint"), maxLength: 200 },
                    { name: "approved", kind: "checkbox", label: t("affiliates.approvedLabel") },
                    { name: "approvalRef", kind: "text", label: t("affiliates.approvalRef"), hint: t("affiliates.approvalRefHint"), maxLength: 200 },
                  ]}
                />
              </>
            ) : null}
          </section>

          <section className="stack" aria-labelledby="afmm-staff">
            <h2 id="afmm-staff">{t("staff.heading")}</h2>
            <p>{t("staff.lead")}</p>
            {view.registrations.length === 0 ? (
              <p className="muted">{t("common.none")}</p>
            ) : (
              <TableShell caption={t("staff.heading")}>
                <thead>
                  <tr>
                    <th scope="col">{t("staff.name")}</th>
                    <th scope="col">{t("staff.capacity")}</th>
                    <th scope="col">{t("staff.reference")}</th>
                    <th scope="col">{t("staff.effectiveFrom")}</th>
                    <th scope="col">{t("staff.status")}</th>
                    {manage ? <th scope="col">{t("common.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {view.registrations.map((r) => (
                    <tr key={r.id}>
                      <td>
                        {r.name}
                        <br />
                        <span className="muted">{r.email}</span>
                      </td>
                      <td>{capacity(r.capacity)}</td>
                      <td>{r.reference}</td>
                      <td>{day(r.effectiveFrom)}</td>
                      <td>{current(r.endedAt) ? t("common.current") : t("common.ended", { time: when(r.endedAt!) })}</td>
                      {manage ? (
                        <td>
                          {current(r.endedAt) ? (
                            <GovernanceForm
                              id={`end-registration-${r.id}`}
                              label={`${t("common.end")}: ${r.name}`}
                              fields={endFields(r.id, t("common.endReasonLabel"))}
                              submit={t("common.end")}
                              action={endStaffRegistrationAction}
                            />
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            )}
            {manage ? (
              <>
                <h3>{t("staff.addHeading")}</h3>
                <GovernanceForm
                  id="add-registration"
                  label={t("staff.addHeading")}
                  submit={t("staff.add")}
                  action={addStaffRegistrationAction}
                  fields={[
                    { name: "email", kind: "email", label: t("staff.email"), maxLength: 320 },
                    {
                      name: "capacity",
                      kind: "select",
                      label: t("staff.capacity"),
                      options: [
                        { value: "RO", label: t("capacity.RO") },
                        { value: "MIC", label: t("capacity.MIC") },
                      ],
                    },
                    { name: "reference", kind: "text", label: t("staff.reference"), hint: t("staff.referenceHint"), maxLength: 100 },
                    { name: "effectiveFrom", kind: "date", label: t("staff.effectiveFrom"), maxLength: 10 },
                  ]}
                />
              </>
            ) : null}
          </section>

          <section className="stack" aria-labelledby="afmm-designations">
            <h2 id="afmm-designations">{t("designations.heading")}</h2>
            <p>{t("designations.lead")}</p>
            {view.designations.length === 0 ? (
              <p className="muted">{t("common.none")}</p>
            ) : (
              <TableShell caption={t("designations.heading")}>
                <thead>
                  <tr>
                    <th scope="col">{t("designations.officer")}</th>
                    <th scope="col">{t("designations.capacity")}</th>
                    <th scope="col">{t("designations.assigned")}</th>
                    <th scope="col">{t("designations.assignedBy")}</th>
                    <th scope="col">{t("designations.status")}</th>
                    {manage ? <th scope="col">{t("common.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {view.designations.map((d) => (
                    <tr key={d.id}>
                      <td>{d.officerName}</td>
                      <td>{capacity(d.capacity)}</td>
                      <td>{when(d.assignedAt)}</td>
                      <td>{d.assignedByName}</td>
                      <td>
                        {current(d.endedAt) ? t("common.current") : t("common.ended", { time: when(d.endedAt!) })}
                        {d.endReason ? (
                          <>
                            <br />
                            <span className="muted">{t("common.endReason", { reason: d.endReason })}</span>
                          </>
                        ) : null}
                      </td>
                      {manage ? (
                        <td>
                          {current(d.endedAt) ? (
                            <GovernanceForm
                              id={`end-designation-${d.id}`}
                              label={`${t("common.end")}: ${d.officerName}`}
                              fields={endFields(d.id, t("common.endReasonLabel"))}
                              submit={t("common.end")}
                              action={endDesignationAction}
                            />
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            )}
            {manage ? (
              <>
                <h3>{t("designations.designateHeading")}</h3>
                {activeRegistrations.length === 0 ? (
                  <p className="muted">{t("designations.noRegistration")}</p>
                ) : (
                  <GovernanceForm
                    id="designate"
                    label={t("designations.designateHeading")}
                    submit={t("designations.designate")}
                    action={designateOfficerAction}
                    fields={[
                      {
                        name: "registrationId",
                        kind: "select",
                        label: t("designations.registration"),
                        options: activeRegistrations.map((r) => ({ value: r.id, label: `${r.name} — ${capacity(r.capacity)} (${r.reference})` })),
                      },
                    ]}
                  />
                )}
              </>
            ) : null}
          </section>

          <section className="stack" aria-labelledby="afmm-notifications">
            <h2 id="afmm-notifications">{t("notifications.heading")}</h2>
            <p>{t("notifications.lead")}</p>
            {view.notifications.length === 0 ? (
              <p className="muted">{t("common.none")}</p>
            ) : (
              <TableShell caption={t("notifications.heading")}>
                <thead>
                  <tr>
                    <th scope="col">{t("notifications.notifiedOn")}</th>
                    <th scope="col">{t("notifications.reportRef")}</th>
                    <th scope="col">{t("notifications.reportSha256")}</th>
                    <th scope="col">{t("notifications.declarationSha256")}</th>
                    <th scope="col">{t("notifications.status")}</th>
                    {manage ? <th scope="col">{t("common.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {view.notifications.map((n) => (
                    <tr key={n.id}>
                      <td>{day(n.notifiedOn)}</td>
                      <td>{n.thirdPartyReportRef}</td>
                      <td>
                        <code className="hash">{n.thirdPartyReportSha256}</code>
                      </td>
                      <td>
                        <code className="hash">{n.micDeclarationSha256}</code>
                      </td>
                      <td>
                        {n.withdrawnAt === null ? t("common.current") : t("common.withdrawn", { time: when(n.withdrawnAt) })}
                        {n.withdrawReason ? (
                          <>
                            <br />
                            <span className="muted">{t("common.endReason", { reason: n.withdrawReason })}</span>
                          </>
                        ) : null}
                      </td>
                      {manage ? (
                        <td>
                          {n.withdrawnAt === null ? (
                            <GovernanceForm
                              id={`withdraw-${n.id}`}
                              label={`${t("common.withdraw")}: ${n.thirdPartyReportRef}`}
                              fields={endFields(n.id, t("common.withdrawReasonLabel"))}
                              submit={t("common.withdraw")}
                              action={withdrawSfcNotificationAction}
                            />
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </TableShell>
            )}
            {manage ? (
              <>
                <h3>{t("notifications.recordHeading")}</h3>
                <GovernanceForm
                  id="record-notification"
                  label={t("notifications.recordHeading")}
                  submit={t("notifications.record")}
                  action={recordSfcNotificationAction}
                  fields={[
                    { name: "notifiedOn", kind: "date", label: t("notifications.notifiedOn"), maxLength: 10 },
                    { name: "thirdPartyReportRef", kind: "text", label: t("notifications.reportRef"), maxLength: 200 },
                    {
                      name: "thirdPartyReportSha256",
                      kind: "text",
                      label: t("notifications.reportSha256"),
                      hint: t("notifications.sha256Hint"),
                      maxLength: 64,
                    },
                    {
                      name: "micDeclarationSha256",
                      kind: "text",
                      label: t("notifications.declarationSha256"),
                      hint: t("notifications.sha256Hint"),
                      maxLength: 64,
                    },
                  ]}
                />
              </>
            ) : null}
          </section>
        </article>
      </div>
    </ClientMessages>
  );
}
