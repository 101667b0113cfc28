import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import type { ServiceContext } from "@/lib/services/context";
import { getCorporatePi } from "@/lib/services/suitability/get-corporate-pi";

/**
 * On the onboarding overview: for a corporate client, where its 15.3B consent, 15.3A assessment and
 * authorised traders stand (PI-6, PI-7, SUIT-4); for every client, where to report a change of
 * circumstances (SUIT-8).
 */
export async function CorporateAndCircumstancesPanel({ ctx }: { ctx: ServiceContext }) {
  const view = await getCorporatePi({ ctx });
  const t = await getTranslations("onboarding.corporate.overview");
  const active = view.traders.filter((trader) => !trader.removedAt);
  const assessed = active.filter((trader) => trader.assessment?.hasKnowledge).length;
  return (
    <>
      {view.corporate ? (
        <section className="panel" aria-labelledby="corporate-pi-overview" data-testid="corporate-pi-overview">
          <h2 id="corporate-pi-overview">{t("title")}</h2>
          <ul>
            <li>{view.consent ? t("consentGiven", { version: view.consent.versionId }) : t("consentMissing")}</li>
            <li>{view.assessment ? t(`assessment.${view.assessment.conclusion}`) : t("assessment.none")}</li>
            <li>{t("traders", { count: active.length, assessed })}</li>
          </ul>
          <p>
            <Link href="/portal/onboarding/corporate">{t("link")}</Link>
          </p>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="circumstances-overview">
        <h2 id="circumstances-overview">{t("circumstancesTitle")}</h2>
        <p>{t.rich("circumstances", { link: (chunks) => <Link href="/portal/onboarding/circumstances">{chunks}</Link> })}</p>
      </section>
    </>
  );
}
