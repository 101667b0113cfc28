import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Link } from "@/lib/i18n/navigation";
import { requirePermission } from "@/lib/transport/session";
import { requestMessages } from "@/lib/transport/messages";
import { getPerpsEntitlement } from "@/lib/services/suitability/get-perps-entitlement";
import { WithdrawForm } from "./withdraw-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.piWithdrawal");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * PI-7: the client withdraws consent to professional-investor treatment, at any time: what it means
 * first, then a confirmation. It takes effect at once (the entitlement rule and the venue follow).
 */
export default async function WithdrawPage({ searchParams }: Props) {
  const ctx = await requirePermission("portal.view");
  const entitlement = await getPerpsEntitlement({ ctx });
  const query = await searchParams;
  const t = await getTranslations("onboarding.piWithdrawal");
  const text = await requestMessages();
  const inForce = entitlement.status === "active" || (entitlement.status === "reduce_only" && entitlement.code === "DISCLOSURE_NOT_ACKNOWLEDGED");
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">{t("back")}</Link>
        </p>
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>
      {query.withdrawn === "1" && entitlement.status === "reduce_only" && entitlement.code === "PI_STATUS_WITHDRAWN" ? (
        <Alert tone="ok" as="div">
          <p>{t("done")}</p>
          {query.venue === "pending" ? <p>{t("venuePending")}</p> : null}
        </Alert>
      ) : null}
      <section className="panel" aria-labelledby="withdraw-consequences">
        <h2 id="withdraw-consequences">{t("consequencesTitle")}</h2>
        <ul>
          <li>{t("atOnce")}</li>
          <li>{t("ordersCancelled")}</li>
          <li>{t("positionsStay")}</li>
          <li>{t("again")}</li>
          <li>{t("recorded")}</li>
        </ul>
      </section>
      <section className="panel" aria-labelledby="withdraw-confirm">
        <h2 id="withdraw-confirm">{t("confirmTitle")}</h2>
        {inForce ? <WithdrawForm /> : <p>{entitlement.status === "none" ? t("nothingToWithdraw") : t("notInForce", { reason: text(entitlement.reason) })}</p>}
      </section>
    </article>
  );
}
