import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";
import { formatUsdMicros, formatUtc } from "@/lib/format";
import type { PerpsEntitlement } from "@/lib/services/suitability/entitlement";
import { useMessageText } from "@/lib/transport/messages";

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

/**
 * What the client may trade and why, as the entitlement rule answers it; the order service applies
 * the same answer, so this panel only reports it.
 */
export function PerpsAccessPanel({
  entitlement,
  title,
  linkToOnboarding = false,
}: {
  entitlement: PerpsEntitlement;
  title: string;
  linkToOnboarding?: boolean;
}) {
  const t = useTranslations("portal.access");
  const text = useMessageText();
  const withdrawal = useTranslations("onboarding.piWithdrawal");
  // PI-7: consent can be withdrawn whenever a status is in force.
  const withdraw =
    entitlement.status === "active" || (entitlement.status === "reduce_only" && entitlement.code === "DISCLOSURE_NOT_ACKNOWLEDGED") ? (
      <p>
        <Link href="/portal/onboarding/withdraw">{withdrawal("link")}</Link>
      </p>
    ) : null;
  const onboarding = linkToOnboarding ? (
    <p>
      <Link href="/portal/onboarding">{t("goToOnboarding")}</Link>
    </p>
  ) : null;
  return (
    <section className="panel" aria-labelledby="perps-access">
      <h2 id="perps-access">{title}</h2>
      {entitlement.status === "active" ? (
        <dl className="facts">
          <div>
            <dt>{t("access")}</dt>
            <dd>{t("activeUntil", { until: formatUtc(entitlement.expiresAt.getTime()) })}</dd>
          </div>
          <div>
            <dt>{t("exposureCap")}</dt>
            <dd>{t("capEnforced", { cap: formatUsdMicros(entitlement.maxInitialMarginMicroUsd) })}</dd>
          </div>
        </dl>
      ) : entitlement.status === "reduce_only" ? (
        <>
          <p>
            {t.rich(entitlement.code === "DISCLOSURE_NOT_ACKNOWLEDGED" ? "acknowledgementRequired" : "reduceOnly", {
              reason: text(entitlement.reason),
              strong,
            })}
          </p>
          {entitlement.code === "DISCLOSURE_NOT_ACKNOWLEDGED" ? (
            <p>
              <Link href="/portal/onboarding/risk-disclosures">{t("readAndAcknowledge")}</Link>
            </p>
          ) : null}
          <dl className="facts">
            <div>
              <dt>{t("statusValidUntil")}</dt>
              <dd>{formatUtc(entitlement.expiresAt.getTime())}</dd>
            </div>
            <div>
              <dt>{t("exposureCap")}</dt>
              <dd>{t("cap", { cap: formatUsdMicros(entitlement.maxInitialMarginMicroUsd) })}</dd>
            </div>
          </dl>
          {onboarding}
        </>
      ) : (
        <>
          <p>{t.rich("notYet", { reason: text(entitlement.reason), strong })}</p>
          {entitlement.code === "EMAIL_NOT_VERIFIED" || entitlement.code === "SECOND_FACTOR_REQUIRED" ? (
            // SEC-1: what is missing is done on the account page.
            <p>
              <Link href="/account">{t(`clientSecurity.${entitlement.code}`)}</Link>
            </p>
          ) : (
            onboarding
          )}
        </>
      )}
      {withdraw}
    </section>
  );
}
