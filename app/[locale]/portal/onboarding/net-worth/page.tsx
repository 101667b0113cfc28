import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatPpbPercentExact, formatUsdMicros } from "@/lib/format";
import type { PerpsEntitlement } from "@/lib/services/suitability/entitlement";
import { formatMinor } from "@/lib/suitability/draft";
import { rateText } from "@/lib/suitability/fx-reference";
import { loadOnboardingStep, StepIntro } from "../step";
import { NetWorthForm } from "./net-worth-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.netWorth");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * Onboarding step 4 (Code of Conduct 5.3, SUIT-5): net worth and liquid assets, and the
 * exposure cap they set on the client's total initial margin.
 */
export default async function NetWorthPage() {
  const { view, locked } = await loadOnboardingStep();
  const { netWorth } = view.draft;
  const cap = view.preview.cap;
  const t = await getTranslations("onboarding.netWorth");
  return (
    <article className="stack">
      <StepIntro title={t("title")} lead={t("lead")} locked={locked} />

      <section className="panel" aria-labelledby="your-figures">
        <h2 id="your-figures">{t("yourFigures")}</h2>
        <NetWorthForm
          netWorthHkd={netWorth ? formatMinor(netWorth.netWorthHkdCents, "HKD") : ""}
          liquidAssetsHkd={netWorth ? formatMinor(netWorth.liquidAssetsHkdCents, "HKD") : ""}
          locked={locked !== null}
        />
      </section>

      <section className="panel" data-testid="exposure-cap" aria-labelledby="cap">
        <h2 id="cap">{t("cap.title")}</h2>
        {cap ? (
          <>
            <p>
              {t.rich("cap.preview", {
                cap: formatUsdMicros(cap.maxInitialMarginMicroUsd),
                netWorthShare: formatPpbPercentExact(cap.netWorthFractionPpb),
                liquidAssetsShare: formatPpbPercentExact(cap.liquidAssetsFractionPpb),
                boundBy: cap.boundBy,
                strong,
              })}
            </p>
            <dl className="facts">
              <div>
                <dt>{t("cap.netWorth")}</dt>
                <dd>{t("cap.counted", { amount: formatUsdMicros(cap.netWorthMicroUsd), share: formatPpbPercentExact(cap.netWorthFractionPpb) })}</dd>
              </div>
              <div>
                <dt>{t("cap.liquidAssets")}</dt>
                <dd>{t("cap.counted", { amount: formatUsdMicros(cap.liquidAssetsMicroUsd), share: formatPpbPercentExact(cap.liquidAssetsFractionPpb) })}</dd>
              </div>
              <div>
                <dt>{t("cap.total")}</dt>
                <dd>{t("cap.totalValue", { cap: formatUsdMicros(cap.maxInitialMarginMicroUsd), boundBy: cap.boundBy })}</dd>
              </div>
              <div>
                <dt>{t("cap.rate")}</dt>
                <dd>{t("cap.rateValue", { rate: rateText(cap.usdRate), date: cap.usdRate.asOf, source: cap.usdRate.source })}</dd>
              </div>
            </dl>
            <p className="field__hint">{t("cap.rounding")}</p>
          </>
        ) : (
          <p>{t("cap.enterFigures")}</p>
        )}
        <h3>{t("cap.howApplied")}</h3>
        <p>{t("cap.howAppliedText")}</p>
        <ApprovedCap entitlement={view.entitlement} />
      </section>
    </article>
  );
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

function ApprovedCap({ entitlement }: { entitlement: PerpsEntitlement }) {
  const t = useTranslations("onboarding.netWorth.cap");
  if (entitlement.status === "none") return <p>{t("noApprovedCap")}</p>;
  return <p>{t.rich("approvedCap", { cap: formatUsdMicros(entitlement.maxInitialMarginMicroUsd), strong })}</p>;
}
