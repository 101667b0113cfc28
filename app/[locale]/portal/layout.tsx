import Link from "next/link";
import type { ReactNode } from "react";
import { SectionLayout } from "@/components/section-layout";
import { can } from "@/lib/auth/permissions";
import { getServiceContext } from "@/lib/auth/session";
import { getPerpsEntitlement } from "@/lib/services/suitability/get-perps-entitlement";

export default async function Layout({ children }: { children: ReactNode }) {
  return (
    <SectionLayout id="portal">
      <NewDisclosureNotice />
      {children}
    </SectionLayout>
  );
}

/**
 * DISC-8: once a new risk-disclosure version is in effect, an approved client meets it on every portal
 * page until they acknowledge it; the order service refuses their orders meanwhile (entitlement.ts).
 */
async function NewDisclosureNotice() {
  const ctx = await getServiceContext();
  if (!ctx.actor || !can(ctx.actor.roles, "portal.trade")) return null;
  const entitlement = await getPerpsEntitlement({ ctx });
  if (entitlement.status !== "acknowledgement_required") return null;
  return (
    <div className="alert alert--warn" role="status">
      <p>
        <strong>A new version of the risk disclosure is in effect.</strong> {entitlement.reason}{" "}
        <Link href="/portal/onboarding/risk-disclosures">Read and acknowledge it</Link>.
      </p>
    </div>
  );
}
