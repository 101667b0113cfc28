import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
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

export const metadata: Metadata = { title: "Evidence of professional-investor status" };
export const dynamic = "force-dynamic";

/**
 * Onboarding steps 1 and 2 (issue 7 pt 1, 2): the investor category, the evidence lines with their
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
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">Onboarding</Link>
        </p>
        <h1>Evidence of professional-investor status</h1>
        <p className="lead">
          Choose your investor category, then list your portfolio (or total assets) line by line, each with the statement or certificate that shows it. The
          evaluation at the end of the page shows how each line counts.
        </p>
        <LockedNote reason={locked} />
      </div>

      <section className="panel" id="category" aria-labelledby="category-title">
        <h2 id="category-title">Step 1: investor category</h2>
        <p>
          Your category now: <strong>{category ? CATEGORY_LABELS[category] : "not chosen"}</strong>.
        </p>
        <CategoryForm category={category} institutionalBasis={draft.institutionalBasis} locked={locked !== null} />
      </section>

      <section aria-labelledby="evidence-title" className="stack">
        <h2 id="evidence-title">Step 2: evidence</h2>
        <DocumentQuota usage={view.storage} />
        {category === null ? <p>Choose your investor category first: which evidence counts depends on it.</p> : null}
        {category === "institutional" ? (
          <p>Institutional professional investors have no monetary test: the basis you state in step 1 is what the officer reviews. No evidence lines are needed.</p>
        ) : null}
        {category === "trust_corporation" ? <p>A trust corporation is assessed on the total assets entrusted to it (PI Rules s.4), not on a portfolio.</p> : null}

        {hasPortfolioTest || draft.portfolio.length > 0 ? (
          <section aria-labelledby="portfolio-title">
            <h3 id="portfolio-title">Portfolio</h3>
            {!hasPortfolioTest ? <p className="alert alert--warn">These lines do not count for your category; remove them or change the category.</p> : null}
            <RemovableList list="portfolio" count={draft.portfolio.length} disabled={locked !== null}>
              {draft.portfolio.length === 0 ? (
                <p>No portfolio lines yet.</p>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <caption className="visually-hidden">Your portfolio lines</caption>
                    <thead>
                      <tr>
                        <th scope="col">Asset class</th>
                        <th scope="col">Custodian or issuer</th>
                        <th scope="col">Document type</th>
                        <th scope="col" className="num">
                          Value
                        </th>
                        <th scope="col">Statement date</th>
                        <th scope="col">Held</th>
                        <th scope="col">Document</th>
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
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
                          <td>{ownershipText(line.ownership)}</td>
                          <td>
                            <DocumentLink document={documents.get(line.documentId)} />
                          </td>
                          <td>
                            <RemoveButton index={index} fingerprint={draftItemFingerprint(line)} what={`portfolio line ${index + 1} (${line.custodianOrIssuer})`} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </RemovableList>
            {hasPortfolioTest ? (
              <div className="panel">
                <h4>Add a portfolio line</h4>
                <PortfolioLineForm category={category!} assessmentDate={view.assessmentDate} maxBytes={MAX_EVIDENCE_BYTES} locked={locked !== null} />
              </div>
            ) : null}
          </section>
        ) : null}

        {totalAssetsApplies || draft.totalAssets.length > 0 ? (
          <section aria-labelledby="total-assets-title">
            <h3 id="total-assets-title">Total assets</h3>
            {totalAssetsApplies ? (
              <p>
                {category === "trust_corporation"
                  ? "The total assets entrusted to the trust corporation, as shown by its statements."
                  : "The alternative test for corporations and partnerships: total assets of at least HK$40,000,000."}
              </p>
            ) : (
              <p className="alert alert--warn">The total-assets test does not apply to your category; these lines do not count. Remove them or change the category.</p>
            )}
            <RemovableList list="totalAssets" count={draft.totalAssets.length} disabled={locked !== null}>
              {draft.totalAssets.length === 0 ? (
                <p>No total-assets lines yet.</p>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <caption className="visually-hidden">Your total-assets lines</caption>
                    <thead>
                      <tr>
                        <th scope="col">Description</th>
                        <th scope="col">Document type</th>
                        <th scope="col" className="num">
                          Value
                        </th>
                        <th scope="col">Statement date</th>
                        <th scope="col">Document</th>
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
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
                            <RemoveButton index={index} fingerprint={draftItemFingerprint(line)} what={`total-assets line ${index + 1} (${line.description})`} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </RemovableList>
            {totalAssetsApplies ? (
              <div className="panel">
                <h4>Add a total-assets line</h4>
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

function ownershipText(ownership: DraftOwnership): string {
  switch (ownership.kind) {
    case "sole":
      return "Sole (100 %)";
    case "joint_with_associate":
      return `Joint with ${ownership.associate === "spouse" ? "spouse" : "child"} (counts in full)`;
    case "joint_with_non_associates":
      return ownership.agreedShare
        ? `Joint, ${ownership.holders} holders, agreed share ${fractionPercent(ownership.agreedShare)}`
        : `Joint, ${ownership.holders} holders, equal share ${fractionPercent({ numerator: "1", denominator: String(ownership.holders) })}`;
    case "investment_holding_company":
      return `Via ${ownership.companyName} (${fractionPercent(ownership.ownership)} owned; principal business holding investments: ${ownership.principalBusinessIsHoldingInvestments ? "yes" : "no"})`;
  }
}
