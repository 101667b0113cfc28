import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { RecordForm } from "@/components/corporate-pi/record-form";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { requireStepUp, STEP_UP_WINDOW_MS, type ServiceContext } from "@/lib/services/context";
import { StepUpRequired } from "@/lib/services/errors";
import { getCorporatePiCase } from "@/lib/services/suitability/get-corporate-pi-case";
import { requestMessages } from "@/lib/transport/messages";
import { assessTraderAction, recordCpiAssessmentAction } from "../corporate-actions";

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
 * For a corporate client's case (PI-6, PI-7, SUIT-4): what still blocks approval, the Code 15.3A
 * assessments (every version, with hashes) and the form to record one, the 15.3B consents, and the
 * authorised traders with their assessments. Nothing for other categories.
 */
export async function CorporatePiPanel({ ctx, clientUserId, submissionId }: { ctx: ServiceContext; clientUserId: string; submissionId: string }) {
  const record = await getCorporatePiCase({ ctx, input: { clientUserId } });
  if (!record.corporate) return null;
  const t = await getTranslations("compliance.corporatePi");
  const text = await requestMessages();
  const mayRecord = ctx.actor !== null && can(ctx.actor.roles, "reviews.decide");
  const fresh = mayRecord && stepUpFresh(ctx);
  const stepUpLink = (chunks: ReactNode) => <Link href={`/step-up?next=/compliance/reviews/${submissionId}`}>{chunks}</Link>;
  const stepUpNote = fresh ? null : <Alert tone="warn">{t.rich("stepUpFirst", { minutes: String(STEP_UP_WINDOW_MS / 60_000), link: stepUpLink })}</Alert>;
  const yesNo = [
    { value: "yes", label: t("yes") },
    { value: "no", label: t("no") },
  ];
  return (
    <section className="panel stack" aria-labelledby="corporate-pi" data-testid="corporate-pi-panel">
      <h2 id="corporate-pi">{t("title")}</h2>
      <div data-testid="corporate-pi-blockers">
        {record.blockers.length === 0 ? (
          <Alert tone="ok">{t("blockers.none")}</Alert>
        ) : (
          <Alert tone="warn" as="div">
            <p>{t("blockers.title")}</p>
            <ul>
              {record.blockers.map((blocker) => (
                <li key={blocker.code}>{text(blocker.message)}</li>
              ))}
            </ul>
          </Alert>
        )}
      </div>

      <section aria-labelledby="cpi-consents">
        <h3 id="cpi-consents">{t("consents.title")}</h3>
        {record.consents.length === 0 ? (
          <p>{t("consents.none")}</p>
        ) : (
          <ul>
            {record.consents.map((consent) => (
              <li key={consent.id}>
                {t("consents.entry", { version: consent.versionId, at: formatUtc(consent.consentedAt.getTime()), hash: consent.contentHash })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="cpi-assessments">
        <h3 id="cpi-assessments">{t("assessments.title")}</h3>
        {record.assessments.length === 0 ? (
          <p>{t("assessments.none")}</p>
        ) : (
          <TableShell caption={t("assessments.title")}>
            <thead>
              <tr>
                <th scope="col">{t("assessments.version")}</th>
                <th scope="col">{t("assessments.when")}</th>
                <th scope="col">{t("assessments.function")}</th>
                <th scope="col">{t("assessments.decisionMakers")}</th>
                <th scope="col">{t("assessments.knowledge")}</th>
                <th scope="col">{t("assessments.conclusion")}</th>
              </tr>
            </thead>
            <tbody>
              {record.assessments.map((a) => (
                <tr key={a.id}>
                  <td className="num">{a.version}</td>
                  <td>
                    {formatUtc(a.assessedAt.getTime())}
                    <br />
                    {a.officerEmail}
                    <br />
                    <code title={a.contentHash}>{a.contentHash.slice(0, 12)}</code>
                  </td>
                  <td>
                    {a.hasInvestmentFunction ? t("yes") : t("no")}: {a.investmentFunction}
                  </td>
                  <td>
                    <ul>
                      {a.decisionMakers.map((person) => (
                        <li key={person}>{person}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{a.knowledgeAndExperience}</td>
                  <td>
                    <strong>{t(`conclusion.${a.conclusion}`)}</strong>: {a.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
        {mayRecord ? (
          <RecordForm
            action={recordCpiAssessmentAction}
            label={t("form.label")}
            idPrefix="cpi"
            hidden={{ clientUserId, submissionId }}
            note={stepUpNote}
            fields={[
              { kind: "radio", name: "hasInvestmentFunction", label: t("form.hasFunction"), options: yesNo },
              { kind: "textarea", name: "investmentFunction", label: t("form.function"), hint: t("form.functionHint"), maxLength: 2000 },
              { kind: "textarea", name: "decisionMakers", label: t("form.decisionMakers"), hint: t("form.decisionMakersHint"), maxLength: 4000 },
              { kind: "textarea", name: "knowledgeAndExperience", label: t("form.knowledge"), maxLength: 4000, rows: 4 },
              {
                kind: "radio",
                name: "conclusion",
                label: t("form.conclusion"),
                options: [
                  { value: "POSITIVE", label: t("form.positive") },
                  { value: "NEGATIVE", label: t("form.negative") },
                ],
              },
              { kind: "textarea", name: "reason", label: t("form.reason"), maxLength: 2000 },
            ]}
            submit={t("form.submit")}
            submitting={t("form.submitting")}
          />
        ) : null}
      </section>

      <section aria-labelledby="cpi-traders">
        <h3 id="cpi-traders">{t("traders.title")}</h3>
        <p>{t("traders.lead")}</p>
        {record.traders.length === 0 ? <p>{t("traders.none")}</p> : null}
        {record.traders.map((trader) => (
          <section key={trader.id} className="panel" aria-label={t("traders.entryLabel", { name: trader.name })} data-testid="cpi-trader">
            <p>
              <strong>{trader.name}</strong> ({trader.position}) — {t("traders.added", { at: formatUtc(trader.addedAt.getTime()) })}
              {trader.removedAt ? <> — {t("traders.removed", { at: formatUtc(trader.removedAt.getTime()), reason: trader.removedReason ?? "" })}</> : null}
            </p>
            {trader.assessments.length === 0 ? (
              <p>{t("traders.notAssessed")}</p>
            ) : (
              <ul>
                {trader.assessments.map((a) => (
                  <li key={a.id}>
                    {t(a.hasKnowledge ? "traders.knows" : "traders.doesNotKnow", {
                      at: formatUtc(a.assessedAt.getTime()),
                      officer: a.officerEmail,
                      reason: a.reason,
                    })}
                  </li>
                ))}
              </ul>
            )}
            {mayRecord && !trader.removedAt ? (
              <RecordForm
                action={assessTraderAction}
                label={t("traders.formLabel", { name: trader.name })}
                idPrefix={`trader-${trader.id}`}
                hidden={{ traderId: trader.id, submissionId }}
                note={stepUpNote}
                fields={[
                  { kind: "radio", name: "hasKnowledge", label: t("traders.hasKnowledge", { name: trader.name }), options: yesNo },
                  { kind: "textarea", name: "reason", label: t("traders.reason"), maxLength: 2000 },
                ]}
                submit={t("traders.submit")}
                submitting={t("traders.submitting")}
              />
            ) : null}
          </section>
        ))}
      </section>
    </section>
  );
}
