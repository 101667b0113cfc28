import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/corporate-pi/record-form";
import { TableShell } from "@/components/ui/table-shell";
import { formatUtc } from "@/lib/format";
import { Link } from "@/lib/i18n/navigation";
import { getCorporatePi } from "@/lib/services/suitability/get-corporate-pi";
import { noticeText } from "@/lib/suitability/corporate-pi-notice";
import { requirePermission } from "@/lib/transport/session";
import { StepIntro } from "../step";
import { addTraderAction, consentCpiNoticeAction, removeTraderAction } from "./actions";
import { NoticeDocument } from "./notice-document";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.corporate");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * Corporate professional investors (PI-6, PI-7, SUIT-4): the Code 15.3B notice in the reader's language
 * with the written consent, the 15.3A conclusion once an officer has recorded it, and the authorised
 * traders, each assessed by an officer before their orders are accepted.
 */
export default async function CorporatePiPage() {
  const ctx = await requirePermission("portal.view");
  const view = await getCorporatePi({ ctx });
  const locale = await getLocale();
  const t = await getTranslations("onboarding.corporate");
  if (!view.corporate)
    return (
      <article className="stack">
        <StepIntro title={t("title")} lead={t("lead")} />
        <p>{t.rich("notCorporate", { link: (chunks) => <Link href="/portal/onboarding/evidence">{chunks}</Link> })}</p>
      </article>
    );
  const active = view.traders.filter((trader) => !trader.removedAt);
  return (
    <article className="stack">
      <StepIntro title={t("title")} lead={t("lead")} />

      <section className="panel" aria-labelledby="cpi-assessment">
        <h2 id="cpi-assessment">{t("assessment.title")}</h2>
        <p data-testid="cpi-assessment-status">
          {view.assessment
            ? t(`assessment.${view.assessment.conclusion}`, { at: formatUtc(view.assessment.assessedAt.getTime()), reason: view.assessment.reason })
            : t("assessment.none")}
        </p>
      </section>

      {view.notice ? (
        <>
          <NoticeDocument
            text={noticeText(view.notice.version, locale === "zh-HK" ? "zh-HK" : "en")}
            versionLabel={t("notice.version", { version: view.notice.version.id, hash: view.notice.contentHash })}
          />
          <section className="panel" aria-labelledby="cpi-consent">
            <h2 id="cpi-consent">{t("consent.title")}</h2>
            {view.consent ? (
              <p data-testid="cpi-consent-status">
                {t("consent.given", { version: view.consent.versionId, at: formatUtc(view.consent.consentedAt.getTime()), hash: view.consent.contentHash })}
              </p>
            ) : (
              <RecordForm
                action={consentCpiNoticeAction}
                label={t("consent.label")}
                idPrefix="cpi-consent"
                hidden={{ versionId: view.notice.version.id, contentHash: view.notice.contentHash }}
                fields={[{ kind: "check", name: "confirmed", label: t("consent.confirm"), hint: t("consent.hint", { version: view.notice.version.id }) }]}
                submit={t("consent.submit")}
                submitting={t("consent.submitting")}
              />
            )}
          </section>
        </>
      ) : (
        <p>{t("notice.none")}</p>
      )}

      <section className="panel" aria-labelledby="cpi-traders">
        <h2 id="cpi-traders">{t("traders.title")}</h2>
        <p>{t("traders.lead")}</p>
        {view.traders.length === 0 ? (
          <p>{t("traders.none")}</p>
        ) : (
          <TableShell caption={t("traders.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("traders.name")}</th>
                <th scope="col">{t("traders.position")}</th>
                <th scope="col">{t("traders.added")}</th>
                <th scope="col">{t("traders.status")}</th>
              </tr>
            </thead>
            <tbody>
              {view.traders.map((trader) => (
                <tr key={trader.id}>
                  <td>{trader.name}</td>
                  <td>{trader.position}</td>
                  <td className="nowrap">{formatUtc(trader.addedAt.getTime())}</td>
                  <td>
                    {trader.removedAt
                      ? t("traders.removed", { at: formatUtc(trader.removedAt.getTime()) })
                      : trader.assessment
                        ? t(trader.assessment.hasKnowledge ? "traders.assessedYes" : "traders.assessedNo", {
                            at: formatUtc(trader.assessment.assessedAt.getTime()),
                          })
                        : t("traders.notAssessed")}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        )}
        <RecordForm
          action={addTraderAction}
          label={t("addTrader.label")}
          idPrefix="cpi-trader"
          fields={[
            { kind: "text", name: "name", label: t("addTrader.name"), maxLength: 120 },
            { kind: "text", name: "position", label: t("addTrader.position"), maxLength: 120 },
          ]}
          submit={t("addTrader.submit")}
          submitting={t("addTrader.submitting")}
        />
        {active.map((trader) => (
          <details key={trader.id}>
            <summary>{t("removeTrader.summary", { name: trader.name })}</summary>
            <RecordForm
              action={removeTraderAction}
              label={t("removeTrader.label", { name: trader.name })}
              idPrefix={`cpi-remove-${trader.id}`}
              hidden={{ traderId: trader.id }}
              fields={[{ kind: "text", name: "reason", label: t("removeTrader.reason"), maxLength: 500 }]}
              submit={t("removeTrader.submit")}
              submitting={t("removeTrader.submitting")}
            />
          </details>
        ))}
      </section>
    </article>
  );
}
