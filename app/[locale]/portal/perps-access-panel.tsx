import Link from "next/link";
import { formatUsdMicros, formatUtc } from "@/lib/format";
import type { PerpsEntitlement } from "@/lib/services/suitability/entitlement";

/**
 * What the client may trade and why (issue 7 pt 7), as the entitlement rule answers it; the order
 * service applies the same answer, so this panel only reports it.
 */
export function PerpsAccessPanel({ entitlement, title, linkToOnboarding = false }: { entitlement: PerpsEntitlement; title: string; linkToOnboarding?: boolean }) {
  const onboarding = linkToOnboarding ? (
    <p>
      <Link href="/portal/onboarding">Go to onboarding</Link>
    </p>
  ) : null;
  return (
    <section className="panel" aria-labelledby="perps-access">
      <h2 id="perps-access">{title}</h2>
      {entitlement.status === "active" ? (
        <dl className="facts">
          <div>
            <dt>Access</dt>
            <dd>Active until {formatUtc(entitlement.expiresAt.getTime())}</dd>
          </div>
          <div>
            <dt>Exposure cap</dt>
            <dd>
              USD {formatUsdMicros(entitlement.maxInitialMarginMicroUsd)} of total initial margin. The exchange refuses an order that would take your initial
              margin above it.
            </dd>
          </div>
        </dl>
      ) : entitlement.status === "reduce_only" || entitlement.status === "acknowledgement_required" ? (
        <>
          <p>
            <strong>{entitlement.status === "reduce_only" ? "Reduce-only." : "Acknowledge the new risk disclosure."}</strong> {entitlement.reason}
          </p>
          {entitlement.status === "acknowledgement_required" ? (
            <p>
              <Link href="/portal/onboarding/risk-disclosures">Read and acknowledge the risk disclosure</Link>
            </p>
          ) : null}
          <dl className="facts">
            <div>
              <dt>Status valid until</dt>
              <dd>{formatUtc(entitlement.expiresAt.getTime())}</dd>
            </div>
            <div>
              <dt>Exposure cap</dt>
              <dd>USD {formatUsdMicros(entitlement.maxInitialMarginMicroUsd)} of total initial margin</dd>
            </div>
          </dl>
          {onboarding}
        </>
      ) : (
        <>
          <p>
            <strong>Not yet.</strong> {entitlement.reason}
          </p>
          {onboarding}
        </>
      )}
    </section>
  );
}
