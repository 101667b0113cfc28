import type { Metadata } from "next";
// eslint-disable-next-line no-restricted-imports -- links to file downloads (route handlers), which have no language prefix
import NextLink from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PresentedDocumentView } from "@/components/incidents/presented-document";
import { Alert } from "@/components/ui/alert";
import { Link } from "@/lib/i18n/navigation";
import { afmmMiDocument } from "@/lib/services/afmm/afmm-mi-presentation";
import { getAfmmMiReport } from "@/lib/services/afmm/get-afmm-mi-report";
import { NotFound } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("afmm.afmmMi");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** AFMM-10, RPT-8: one stored monthly AFMM MI report as tables, with its integrity check and its CSV and PDF downloads. */
export default async function AfmmMiReportPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePermission("afmm.oversight.view");
  const { id } = await params;
  const t = await getTranslations("afmm.afmmMi");
  const report = await getAfmmMiReport({ ctx, input: { id } }).catch((error: unknown) => {
    if (error instanceof NotFound) notFound();
    throw error;
  });
  const document = afmmMiDocument(report, (key, values) => t(`report.${key}` as Parameters<typeof t>[0], values));
  const files = `/api/afmm/mi/${report.id}`;
  return (
    <div className="stack wide-page">
      <p>
        <Link href="/afmm/mi">{t("view.back")}</Link>
      </p>
      {report.intact ? <Alert tone="ok">{t("view.intact")}</Alert> : <Alert tone="error">{t("view.tampered")}</Alert>}
      <PresentedDocumentView document={document} />
      <section aria-labelledby="afmm-mi-downloads">
        <h2 id="afmm-mi-downloads">{t("view.downloads")}</h2>
        <ul>
          <li>
            <NextLink href={`${files}/csv`} prefetch={false}>
              {t("view.csv")}
            </NextLink>
          </li>
          <li>
            <NextLink href={`${files}/pdf?locale=en`} prefetch={false}>
              {t("view.pdfEn")}
            </NextLink>
          </li>
          <li>
            <NextLink href={`${files}/pdf?locale=zh-HK`} prefetch={false}>
              {t("view.pdfZh")}
            </NextLink>
          </li>
        </ul>
      </section>
    </div>
  );
}
