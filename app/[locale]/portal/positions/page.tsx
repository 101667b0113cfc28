import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { NotBuiltYet } from "@/components/not-built-yet";
import { Alert } from "@/components/ui/alert";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { requirePermission } from "@/lib/transport/session";
import { getPerpsEntitlement } from "@/lib/services/suitability/get-perps-entitlement";
import { getTradingView } from "@/lib/services/trading/get-trading-view";
import { EngineUnavailable } from "@/lib/services/trading/venue";
import { listAccountActivity, type AccountActivityPage } from "@/lib/services/trading/list-account-activity";
import { ServiceError } from "@/lib/services/errors";
import type { ServiceContext } from "@/lib/services/context";
import type { TradingView } from "@/lib/wire/portal-trading";
import { PerpsAccessPanel } from "../perps-access-panel";
import { TradingDesk } from "./trading-desk";
import { getOrderTraders } from "@/lib/services/suitability/get-order-traders";
import { TradingHistory } from "./trading-history";
import { ScheduledChangesPanel } from "./scheduled-changes-panel";
import { errorText } from "@/lib/transport/messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("trading.page");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The history as the address asks for it; a filter or page position that is refused is said so, and the unfiltered newest lines shown. */
async function historyFor(ctx: ServiceContext, params: SearchParams): Promise<{ history: AccountActivityPage; refused: string | null }> {
  try {
    const input = { kind: one(params.kind), market: one(params.market), before: one(params.before), after: one(params.after) };
    return { history: await listAccountActivity({ ctx, input }), refused: null };
  } catch (error) {
    if (!(error instanceof ServiceError) || error.status !== 422) throw error;
    return { history: await listAccountActivity({ ctx }), refused: await errorText(error) };
  }
}

/**
 * The client's own account on the simulated venue: positions with the engine's
 * entry, mark, liquidation and bankruptcy prices, margin ratio, PnL, funding and ADL light (LIQ-5),
 * collateral settled and pending (COL-2), open orders, the order ticket and deposits, and the
 * client's trading history (fills, liquidations, ADL fills, funding payments) from the journal.
 */
export default async function PositionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePermission("portal.view");
  const [entitlement, { history, refused }, locale, traders] = await Promise.all([
    getPerpsEntitlement({ ctx }),
    searchParams.then((params) => historyFor(ctx, params)),
    getLocale(),
    getOrderTraders({ ctx }),
  ]);
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
      <ScheduledChangesPanel ctx={ctx} />
      {unavailable !== null ? (
        <Alert tone="error">{unavailable}</Alert>
      ) : entitlement.status !== "active" && view?.account === null ? null : (
        <TradingDesk initial={view!} renderedAt={ctx.now().getTime()} traders={traders} />
      )}
      <TradingHistory history={history} refused={refused} formAction={getPathname({ href: "/portal/positions", locale })} />
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
