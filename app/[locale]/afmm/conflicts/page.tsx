import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SectionPage } from "@/components/section-page";
import { requirePermission } from "@/lib/transport/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("afmm.conflicts");
  return { title: t("title") };
}

export default async function ConflictsPage() {
  await requirePermission("afmm.oversight.view");
  const t = await getTranslations("afmm.conflicts");
  return (
    <SectionPage title={t("title")} deliveries={[{ delivers: t("planned") }]}>
      {t("lead")}
    </SectionPage>
  );
}
