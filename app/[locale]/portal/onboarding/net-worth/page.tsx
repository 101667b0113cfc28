import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { formatPpbPercent, formatUsdMicros } from "@/lib/format";
import type { PerpsEntitlement } from "@/lib/services/suitability/entitlement";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import { formatMinor } from "@/lib/suitability/draft";
import { rateText } from "@/lib/suitability/fx-reference";
import { LockedNote } from "../form-parts";
import { lockedReason } from "../status-text";
import { NetWorthForm } from "./net-worth-form";

export const metadata: Metadata = { title: "Net worth and liquid assets" };
export const dynamic = "force-dynamic";

/**
 * Onboarding step 4 (issue 7 pt 4; Code of Conduct 5.3, SUIT-5): net worth and liquid assets, and the
 * exposure cap they set on the client's total initial margin.
 */
export default async function NetWorthPage() {
  const ctx = await requirePermission("portal.view");
  const view = await getOnboarding({ ctx });
  const locked = lockedReason(view);
  const { netWorth } = view.draft;
  const cap = view.preview.cap;
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">Onboarding</Link>
        </p>
        <h1>Net worth and liquid assets</h1>
        <p className="lead">
          Your net worth and liquid assets set how much you may commit to perpetual contracts: a cap on the total initial margin of all your positions and open
          orders.
        </p>
        <LockedNote reason={locked} />
      </div>

      <section className="panel" aria-labelledby="your-figures">
        <h2 id="your-figures">Your figures</h2>
        <NetWorthForm
          netWorthHkd={netWorth ? formatMinor(netWorth.netWorthHkdCents, "HKD") : ""}
          liquidAssetsHkd={netWorth ? formatMinor(netWorth.liquidAssetsHkdCents, "HKD") : ""}
          locked={locked !== null}
        />
      </section>

      <section className="panel" data-testid="exposure-cap" aria-labelledby="cap">
        <h2 id="cap">Your exposure cap (preview)</h2>
        {cap ? (
          <>
            <p>
              From what you entered, your cap would be <strong>USD {formatUsdMicros(cap.maxInitialMarginMicroUsd)}</strong> of total initial margin: the smaller of{" "}
              {formatPpbPercent(cap.netWorthFractionPpb, 2)} of your net worth and {formatPpbPercent(cap.liquidAssetsFractionPpb, 2)} of your liquid assets. Here it
              is set by your <strong>{cap.boundBy === "net_worth" ? "net worth" : "liquid assets"}</strong>.
            </p>
            <dl className="facts">
              <div>
                <dt>Net worth</dt>
                <dd>
                  USD {formatUsdMicros(cap.netWorthMicroUsd)}, of which {formatPpbPercent(cap.netWorthFractionPpb, 2)} counts
                </dd>
              </div>
              <div>
                <dt>Liquid assets</dt>
                <dd>
                  USD {formatUsdMicros(cap.liquidAssetsMicroUsd)}, of which {formatPpbPercent(cap.liquidAssetsFractionPpb, 2)} counts
                </dd>
              </div>
              <div>
                <dt>Cap on total initial margin</dt>
                <dd>
                  USD {formatUsdMicros(cap.maxInitialMarginMicroUsd)} (set by {cap.boundBy === "net_worth" ? "net worth" : "liquid assets"})
                </dd>
              </div>
              <div>
                <dt>HKD per USD</dt>
                <dd>
                  {rateText(cap.usdRate)}, dated {cap.usdRate.asOf}. Source: {cap.usdRate.source}
                </dd>
              </div>
            </dl>
            <p className="field__hint">HKD amounts are converted to USD exactly and rounded down, so rounding never raises the cap.</p>
          </>
        ) : (
          <p>Enter your net worth and liquid assets to see your cap.</p>
        )}
        <h3>How the cap is applied</h3>
        <p>
          The exchange engine refuses any order that would take the total initial margin of your positions and open orders, with that order counted as filled,
          above your cap. An order that does not add to your exposure, such as one that only reduces a position, is not held back by it. The cap takes effect when a compliance officer approves your application;
          until then the figure above is a preview.
        </p>
        <ApprovedCap entitlement={view.entitlement} />
      </section>
    </article>
  );
}

function ApprovedCap({ entitlement }: { entitlement: PerpsEntitlement }) {
  if (entitlement.status === "none") return <p>You have no approved cap yet: your application has not been approved.</p>;
  return (
    <p>
      The cap in force now, from your approved application: <strong>USD {formatUsdMicros(entitlement.maxInitialMarginMicroUsd)}</strong>.
    </p>
  );
}
