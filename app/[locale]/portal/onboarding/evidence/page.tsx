import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { MAX_EVIDENCE_BYTES } from "@/lib/suitability/evidence-file";
import { formatMinor, fractionPercent, hasTotalAssetsTest, type DraftOwnership } from "@/lib/suitability/draft";
import { DocumentLink } from "../document-link";
import { DocumentQuota } from "../document-quota";
import { DraftItemsTable } from "../draft-items-table";
import { loadOnboardingStep, StepIntro } from "../step";
import { CategoryForm } from "./category-form";
import { PiBreakdown } from "./pi-breakdown";
import { PortfolioLineForm } from "./portfolio-line-form";
import { TotalAssetsLineForm } from "./total-assets-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.evidence");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * Onboarding steps 1 and 2: the investor category, the evidence lines with their
 * uploaded documents, and the live PI evaluation of what has been entered.
 */
export default async function EvidencePage() {
  const { view, locked, documents } = await loadOnboardingStep();
  const { draft } = view;
  const category = draft.category;
  const hasPortfolioTest = category === "individual" || category === "corporation" || category === "partnership";
  const totalAssetsApplies = hasTotalAssetsTest(category);
  const [t, labels] = await Promise.all([getTranslations("onboarding.evidence"), getTranslations("labels")]);
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <article className="stack">
      <StepIntro title={t("title")} lead={t("lead")} locked={locked} />

      <section className="panel" id="category" aria-labelledby="category-title">
        <h2 id="category-title">{t("step1")}</h2>
        <p>{category ? t.rich("categoryNow", { category: labels(`category.${category}`), strong }) : t.rich("categoryNotChosen", { strong })}</p>
        <CategoryForm category={category} institutionalBasis={draft.institutionalBasis} locked={locked !== null} />
      </section>

      <section aria-labelledby="evidence-title" className="stack">
        <h2 id="evidence-title">{t("step2")}</h2>
        <DocumentQuota usage={view.storage} />
        {category === null ? <p>{t("chooseCategoryFirst")}</p> : null}
        {category === "institutional" ? <p>{t("institutionalNote")}</p> : null}
        {category === "trust_corporation" ? <p>{t("trustCorporationNote")}</p> : null}

        {hasPortfolioTest || draft.portfolio.length > 0 ? (
          <section aria-labelledby="portfolio-title">
            <h3 id="portfolio-title">{t("portfolio.title")}</h3>
            {!hasPortfolioTest ? <Alert tone="warn">{t("portfolio.notCounted")}</Alert> : null}
            <DraftItemsTable
              list="portfolio"
              items={draft.portfolio}
              disabled={locked !== null}
              caption={t("portfolio.caption")}
              empty={t("portfolio.none")}
              actions={t("columns.actions")}
              columns={[
                { header: t("columns.assetClass"), cell: (line) => labels(`assetClass.${line.assetClass}`) },
                { header: t("columns.custodianOrIssuer"), cell: (line) => line.custodianOrIssuer },
                { header: t("columns.documentType"), cell: (line) => labels(`documentType.${line.documentType}`) },
                { header: t("columns.value"), cell: value, numeric: true },
                { header: t("columns.statementDate"), cell: (line) => line.statementDate, nowrap: true },
                { header: t("columns.held"), cell: (line) => <Ownership ownership={line.ownership} /> },
                { header: t("columns.document"), cell: (line) => <DocumentLink document={documents.get(line.documentId)} /> },
              ]}
              removeWhat={(line, index) => t("portfolio.removeWhat", { number: index + 1, custodian: line.custodianOrIssuer })}
            />
            {hasPortfolioTest ? (
              <div className="panel">
                <h4>{t("portfolio.add")}</h4>
                <PortfolioLineForm category={category} assessmentDate={view.assessmentDate} maxBytes={MAX_EVIDENCE_BYTES} locked={locked !== null} />
              </div>
            ) : null}
          </section>
        ) : null}

        {totalAssetsApplies || draft.totalAssets.length > 0 ? (
          <section aria-labelledby="total-assets-title">
            <h3 id="total-assets-title">{t("totalAssets.title")}</h3>
            {totalAssetsApplies ? (
              <p>{category === "trust_corporation" ? t("totalAssets.trustCorporation") : t("totalAssets.alternativeTest")}</p>
            ) : (
              <Alert tone="warn">{t("totalAssets.notApplicable")}</Alert>
            )}
            <DraftItemsTable
              list="totalAssets"
              items={draft.totalAssets}
              disabled={locked !== null}
              caption={t("totalAssets.caption")}
              empty={t("totalAssets.none")}
              actions={t("columns.actions")}
              columns={[
                { header: t("columns.description"), cell: (line) => line.description },
                { header: t("columns.documentType"), cell: (line) => labels(`documentType.${line.documentType}`) },
                { header: t("columns.value"), cell: value, numeric: true },
                { header: t("columns.statementDate"), cell: (line) => line.statementDate, nowrap: true },
                { header: t("columns.document"), cell: (line) => <DocumentLink document={documents.get(line.documentId)} /> },
              ]}
              removeWhat={(line, index) => t("totalAssets.removeWhat", { number: index + 1, description: line.description })}
            />
            {totalAssetsApplies ? (
              <div className="panel">
                <h4>{t("totalAssets.add")}</h4>
                <TotalAssetsLineForm assessmentDate={view.assessmentDate} maxBytes={MAX_EVIDENCE_BYTES} locked={locked !== null} />
              </div>
            ) : null}
          </section>
        ) : null}
      </section>

      <PiBreakdown view={view} />
    </article>
  );
}

/** A line's declared value in its own currency. */
function value(line: { valueMinor: string; currency: string }): string {
  return `${line.currency} ${formatMinor(line.valueMinor, line.currency)}`;
}

function Ownership({ ownership }: { ownership: DraftOwnership }) {
  const t = useTranslations("onboarding.evidence.ownership");
  switch (ownership.kind) {
    case "sole":
      return t("sole");
    case "joint_with_associate":
      return t("jointWithAssociate", { associate: ownership.associate });
    case "joint_with_non_associates":
      return ownership.agreedShare
        ? t("jointAgreedShare", { holders: ownership.holders, share: fractionPercent(ownership.agreedShare) })
        : t("jointEqualShare", { holders: ownership.holders, share: fractionPercent({ numerator: "1", denominator: String(ownership.holders) }) });
    case "investment_holding_company":
      return t("holdingCompany", {
        company: ownership.companyName,
        share: fractionPercent(ownership.ownership),
        holdingInvestments: ownership.principalBusinessIsHoldingInvestments ? "yes" : "no",
      });
  }
}
