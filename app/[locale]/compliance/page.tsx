import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/transport/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compliance.overview");
  return { title: t("title") };
}

export default async function CompliancePage() {
  const { actor } = await requirePermission("compliance.view");
  const t = await getTranslations("compliance.overview");
  return (
    <SectionPage id="compliance" viewer={actor.roles} title={t("title")}>
      {t("lead")}
    </SectionPage>
  );
}
