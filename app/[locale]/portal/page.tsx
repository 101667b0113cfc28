import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/transport/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("portal.home");
  return { title: t("title") };
}

export default async function PortalPage() {
  const { actor } = await requirePermission("portal.view");
  const t = await getTranslations("portal.home");
  return (
    <SectionPage id="portal" viewer={actor.roles} title={t("title")}>
      {t("lead")}
    </SectionPage>
  );
}
