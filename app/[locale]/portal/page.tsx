import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/transport/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portal.home");
  return { title: t("title") };
}

export default async function PortalPage() {
  await requirePermission("portal.view");
  const t = await getTranslations("portal.home");
  return (
    <SectionPage title={t("title")} whatIsLive={t("whatIsLive")} deliveries={[{ delivers: t("planned") }]}>
      {t("lead")}
    </SectionPage>
  );
}
