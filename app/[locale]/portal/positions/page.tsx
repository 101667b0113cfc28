import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NotBuiltYet } from "@/components/not-built-yet";
import { Alert } from "@/components/ui/alert";
import { Link } from "@/lib/i18n/navigation";
import { requirePermission } from "@/lib/transport/session";
import { getPerpsEntitlement } from "@/lib/services/suitability/get-perps-entitlement";
import { getTradingView } from "@/lib/services/trading/get-trading-view";
import { EngineUnavailable } from "@/lib/services/trading/venue";
import type { TradingView } from "@/lib/wire/portal-trading";
import { PerpsAccessPanel } from "../perps-access-panel";
import { TradingDesk } from "./trading-desk";
import { errorText } from "@/lib/transport/messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("trading.page");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

/**
 * The client's own account on the simulated venue: positions with the engine's
 * entry, mark, liquidation and bankruptcy prices, margin ratio, PnL, funding and ADL light (LIQ-5),
 * collateral settled and pending (COL-2), open orders, the order ticket and deposits.
 */
export default async function PositionsPage() {
  const ctx = await requirePermission("portal.view");
  const entitlement = await getPerpsEntitlement({ ctx });
  let view: TradingView | null = null;
  let unavailable: string | null = null;
  try {
    view = await getTradingView({ ctx });
  } catch (error) {
    if (!(error instanceof EngineUnavailable)) throw error;
    unavailable = await errorText(error);
  }
  const t = await getTranslations("trading.page");
  return (
    <article className="stack trading-page">
      <div className="prose">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <Alert tone="warn" as="div">
          <p>{t.rich("simulated", { strong })}</p>
        </Alert>
      </div>
      <PerpsAccessPanel entitlement={entitlement} title={t("accessTitle")} linkToOnboarding />
      {unavailable !== null ? (
        <Alert tone="error">{unavailable}</Alert>
      ) : entitlement.status !== "active" && view?.account === null ? null : (
        <TradingDesk initial={view!} renderedAt={ctx.now().getTime()} />
      )}
      <section aria-labelledby="how-to-read" className="prose">
        <h2 id="how-to-read">{t("howToRead.title")}</h2>
        <ul>
          <li>{t.rich("howToRead.crossMargin", { strong })}</li>
          <li>{t.rich("howToRead.liquidationPrice", { strong })}</li>
          <li>{t.rich("howToRead.adlLight", { strong, link: (chunks) => <Link href="/disclosures/adl">{chunks}</Link> })}</li>
          <li>{t.rich("howToRead.preTradeCheck", { strong })}</li>
          <li>{t.rich("howToRead.fundingPaid", { strong })}</li>
        </ul>
      </section>
      <NotBuiltYet id="positions-not-built" whatIsLive={t("whatIsLive")} deliveries={[{ delivers: t("planned") }]} />
    </article>
  );
}
