import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { TableShell } from "@/components/ui/table-shell";
import { Alert } from "@/components/ui/alert";
import { Link } from "@/lib/i18n/navigation";
import { requirePermission } from "@/lib/transport/session";
import { MAX_EVIDENCE_BYTES } from "@/lib/suitability/evidence-file";
import { getOnboarding } from "@/lib/services/suitability/get-onboarding";
import { ASSET_CLASS_LABELS, CATEGORY_LABELS, DOCUMENT_TYPE_LABELS, formatMinor, fractionPercent, hasTotalAssetsTest, type DraftOwnership } from "@/lib/suitability/draft";
import { DocumentLink } from "../document-link";
import { DocumentQuota } from "../document-quota";
import { LockedNote } from "../form-parts";
import { draftItemFingerprint } from "@/lib/services/suitability/internal";
import { RemovableList, RemoveButton } from "../remove-item";
import { lockedReason } from "../status-text";
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
  const ctx = await requirePermission("portal.view");
  const view = await getOnboarding({ ctx });
  const { draft } = view;
  const locked = lockedReason(view);
  const documents = new Map(view.documents.map((document) => [document.id, document]));
  const category = draft.category;
  const hasPortfolioTest = category === "individual" || category === "corporation" || category === "partnership";
  const totalAssetsApplies = hasTotalAssetsTest(category);
  const t = await getTranslations("onboarding.evidence");
  const nav = await getTranslations("onboarding.nav");
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">{nav("overview")}</Link>
        </p>
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <LockedNote reason={locked} />
      </div>

      <section className="panel" id="category" aria-labelledby="category-title">
        <h2 id="category-title">{t("step1")}</h2>
        <p>{category ? t.rich("categoryNow", { category: CATEGORY_LABELS[category], strong }) : t.rich("categoryNotChosen", { strong })}</p>
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
            <RemovableList list="portfolio" count={draft.portfolio.length} disabled={locked !== null}>
              {draft.portfolio.length === 0 ? (
                <p>{t("portfolio.none")}</p>
              ) : (
                <TableShell caption={t("portfolio.caption")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.assetClass")}</th>
                      <th scope="col">{t("columns.custodianOrIssuer")}</th>
                      <th scope="col">{t("columns.documentType")}</th>
                      <th scope="col" className="num">
                        {t("columns.value")}
                      </th>
                      <th scope="col">{t("columns.statementDate")}</th>
                      <th scope="col">{t("columns.held")}</th>
                      <th scope="col">{t("columns.document")}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t("columns.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {draft.portfolio.map((line, index) => (
                      <tr key={`${index}-${line.documentId}`}>
                        <td>{ASSET_CLASS_LABELS[line.assetClass]}</td>
                        <td>{line.custodianOrIssuer}</td>
                        <td>{DOCUMENT_TYPE_LABELS[line.documentType]}</td>
                        <td className="num">
                          {line.currency} {formatMinor(line.valueMinor, line.currency)}
                        </td>
                        <td className="nowrap">{line.statementDate}</td>
                        <td>
                          <Ownership ownership={line.ownership} />
                        </td>
                        <td>
                          <DocumentLink document={documents.get(line.documentId)} />
                        </td>
                        <td>
                          <RemoveButton
                            index={index}
                            fingerprint={draftItemFingerprint(line)}
                            what={t("portfolio.removeWhat", { number: index + 1, custodian: line.custodianOrIssuer })}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </TableShell>
              )}
            </RemovableList>
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
            <RemovableList list="totalAssets" count={draft.totalAssets.length} disabled={locked !== null}>
              {draft.totalAssets.length === 0 ? (
                <p>{t("totalAssets.none")}</p>
              ) : (
                <TableShell caption={t("totalAssets.caption")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.description")}</th>
                      <th scope="col">{t("columns.documentType")}</th>
                      <th scope="col" className="num">
                        {t("columns.value")}
                      </th>
                      <th scope="col">{t("columns.statementDate")}</th>
                      <th scope="col">{t("columns.document")}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t("columns.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {draft.totalAssets.map((line, index) => (
                      <tr key={`${index}-${line.documentId}`}>
                        <td>{line.description}</td>
                        <td>{DOCUMENT_TYPE_LABELS[line.documentType]}</td>
                        <td className="num">
                          {line.currency} {formatMinor(line.valueMinor, line.currency)}
                        </td>
                        <td className="nowrap">{line.statementDate}</td>
                        <td>
                          <DocumentLink document={documents.get(line.documentId)} />
                        </td>
                        <td>
                          <RemoveButton
                            index={index}
                            fingerprint={draftItemFingerprint(line)}
                            what={t("totalAssets.removeWhat", { number: index + 1, description: line.description })}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </TableShell>
              )}
            </RemovableList>
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
