import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Link } from "@/lib/i18n/navigation";
import { ClientMessages } from "@/components/client-messages";
import { SectionLayout } from "@/components/section-layout";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser, getServiceContext } from "@/lib/transport/session";
import { getPerpsEntitlement } from "@/lib/services/suitability/get-perps-entitlement";
import { requestMessages } from "@/lib/transport/messages";

// The section nav lists the pages this reader may open; each page still checks its own permission.
export default async function Layout({ children }: { children: ReactNode }) {
  const viewer = (await getCurrentUser())?.roles ?? null;
  return (
    <ClientMessages sections={["onboarding", "trading", "inbox", "orderProtection"]}>
      <SectionLayout id="portal" viewer={viewer}>
        <NewDisclosureNotice />
        {children}
      </SectionLayout>
    </ClientMessages>
  );
}

/**
 * DISC-8: once a new risk-disclosure version is in effect, an approved client meets it on every portal
 * page until they acknowledge it; meanwhile they may only reduce positions (the entitlement rule).
 */
async function NewDisclosureNotice() {
  const ctx = await getServiceContext();
  if (!ctx.actor || !can(ctx.actor.roles, "portal.trade")) return null;
  const entitlement = await getPerpsEntitlement({ ctx });
  if (entitlement.status !== "reduce_only" || entitlement.code !== "DISCLOSURE_NOT_ACKNOWLEDGED") return null;
  const t = await getTranslations("portal.newDisclosure");
  const text = await requestMessages();
  return (
    <Alert tone="warn" as="div">
      <p>
        {t.rich("notice", {
          reason: text(entitlement.reason),
          strong: (chunks) => <strong>{chunks}</strong>,
          link: (chunks) => <Link href="/portal/onboarding/risk-disclosures">{chunks}</Link>,
        })}
      </p>
    </Alert>
  );
}
