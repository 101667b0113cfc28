import { useTranslations } from "next-intl";
import { Fragment, type ReactNode } from "react";
import { formatInteger, formatUtc } from "@/lib/format";
import type { ReviewCase } from "@/lib/services/suitability/get-review-case";
import type { SubmissionRecord } from "@/lib/services/suitability/submission";
import { formatMinor, fractionPercent, type DraftOwnership } from "@/lib/suitability/draft";
import { safeDocumentName } from "@/lib/suitability/evidence-file";
import styles from "./page.module.css";
import { Check, YesNo } from "./review-marks";

/** What the client declared and uploaded: category, portfolio and total-assets lines, knowledge records, net worth. */
export function EvidenceColumn({ review }: { review: ReviewCase }) {
  const record = review.submission.record;
  const draft = record.draft;
  const documents = new Map(record.documents.map((d) => [d.id, d]));
  const verified = new Map(review.submission.documentsVerified.map((d) => [d.id, d.verified]));
  const doc = (id: string | null) => <DocumentRef id={id} documents={documents} verified={verified} />;
  const t = useTranslations("compliance.reviews.evidence");
  const labels = useTranslations("labels");
  return (
    <section className={styles.column} aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t("title")}</h2>
      <dl className={styles.kv}>
        <dt>{t("category")}</dt>
        <dd>{draft.category ? labels(`category.${draft.category}`) : t("notChosen")}</dd>
        {draft.category === "institutional" || draft.institutionalBasis.trim() !== "" ? (
          <>
            <dt>{t("institutionalBasis")}</dt>
            <dd>{draft.institutionalBasis.trim() || t("noneGiven")}</dd>
          </>
        ) : null}
      </dl>

      <h3>{t("portfolio")}</h3>
      {draft.portfolio.length === 0 ? (
        <p>{t("noPortfolio")}</p>
      ) : (
        <ItemList
          items={draft.portfolio}
          title={(line, i) => `${i + 1}. ${labels(`assetClass.${line.assetClass}`)}`}
          facts={(line) => [
            [t("custodian"), line.custodianOrIssuer],
            [t("value"), value(line)],
            [t("statementDate"), line.statementDate],
            [t("documentType"), labels(`documentType.${line.documentType}`)],
            [t("ownership"), <OwnershipOf key="ownership" ownership={line.ownership} />],
            [t("document"), doc(line.documentId)],
          ]}
        />
      )}

      {draft.totalAssets.length > 0 || draft.category === "corporation" || draft.category === "partnership" || draft.category === "trust_corporation" ? (
        <>
          <h3>{t("totalAssets")}</h3>
          {draft.totalAssets.length === 0 ? (
            <p>{t("noTotalAssets")}</p>
          ) : (
            <ItemList
              items={draft.totalAssets}
              title={(line, i) => `${i + 1}. ${line.description}`}
              facts={(line) => [
                [t("value"), value(line)],
                [t("statementDate"), line.statementDate],
                [t("documentType"), labels(`documentType.${line.documentType}`)],
                [t("document"), doc(line.documentId)],
              ]}
            />
          )}
        </>
      ) : null}

      <h3>{t("knowledge")}</h3>
      <dl className={styles.kv}>
        <dt>{t("training")}</dt>
        <dd>
          <YesNo value={draft.declarations.training} />
        </dd>
        <dt>{t("workExperience")}</dt>
        <dd>
          <YesNo value={draft.declarations.workExperience} />
        </dd>
        <dt>{t("trading")}</dt>
        <dd>
          <YesNo value={draft.declarations.trading} />
        </dd>
      </dl>
      {draft.training.length > 0 ? (
        <ItemList
          label={t("courses")}
          items={draft.training}
          title={(course) => t("course", { provider: course.provider })}
          facts={(course) => [
            [t("topics"), course.topics.join("; ")],
            [t("completed"), course.completionDate],
            [t("document"), doc(course.documentId)],
          ]}
        />
      ) : null}
      {draft.workExperience.length > 0 ? (
        <ItemList
          label={t("roles")}
          items={draft.workExperience}
          title={(work) => t("role", { role: work.role, employer: work.employer })}
          facts={(work) => [
            [t("years"), work.years],
            [t("relatesToDerivatives"), <YesNo key="relates" value={work.relatesToDerivatives} />],
            [t("derivativeDuties"), work.derivativeDuties || t("noneGiven")],
            [t("document"), doc(work.documentId)],
          ]}
        />
      ) : null}
      {draft.trades.length > 0 ? (
        <ItemList
          label={t("trades")}
          items={draft.trades}
          title={(trade) => t("trade", { date: trade.tradeDate, instrument: trade.instrument })}
          facts={(trade) => [
            [t("venue"), trade.venueOrBroker],
            [t("document"), doc(trade.documentId)],
          ]}
        />
      ) : null}

      <h3>{t("netWorthTitle")}</h3>
      {draft.netWorth ? (
        <dl className={styles.kv}>
          <dt>{t("netWorth")}</dt>
          <dd>{formatMinor(draft.netWorth.netWorthHkdCents, "HKD")} HKD</dd>
          <dt>{t("liquidAssets")}</dt>
          <dd>{formatMinor(draft.netWorth.liquidAssetsHkdCents, "HKD")} HKD</dd>
        </dl>
      ) : (
        <p>{t("notGiven")}</p>
      )}
    </section>
  );
}

function DocumentRef({
  id,
  documents,
  verified,
}: {
  id: string | null;
  documents: Map<string, SubmissionRecord["documents"][number]>;
  verified: Map<string, boolean>;
}) {
  const t = useTranslations("compliance.reviews.evidence.documentRef");
  if (id === null) return <span>{t("noneAttached")}</span>;
  const document = documents.get(id);
  if (!document) return <span className="pill pill--high">{t("missing", { id })}</span>;
  return (
    <>
      <a href={`/api/portal/onboarding/documents/${document.id}`}>{safeDocumentName(document.fileName, document.mediaType)}</a>{" "}
      <span className="muted">
        {t("details", { mediaType: document.mediaType, size: formatInteger(document.sizeBytes), uploadedAt: formatUtc(Date.parse(document.uploadedAt)) })}
      </span>
      <br />
      {t.rich("hash", { sha256: document.sha256, code: (chunks) => <code className="hash">{chunks}</code> })}{" "}
      <Check ok={verified.get(document.id) === true} yes={t("hashVerified")} no={t("hashMismatch")} />
    </>
  );
}

/** A declared line's value as the client entered it: the amount, then its currency. */
function value(line: { valueMinor: string; currency: string }): string {
  return `${formatMinor(line.valueMinor, line.currency)} ${line.currency}`;
}

/** The client's declared items of one kind, each with its title and its facts in order. */
function ItemList<Item>({
  items,
  label,
  title,
  facts,
}: {
  items: readonly Item[];
  label?: string;
  title: (item: Item, index: number) => ReactNode;
  facts: (item: Item) => [term: string, value: ReactNode][];
}) {
  return (
    <ol className={styles.items} aria-label={label}>
      {items.map((item, i) => (
        <li key={i}>
          <p className={styles.itemTitle}>{title(item, i)}</p>
          <dl className={styles.kv}>
            {facts(item).map(([term, value]) => (
              <Fragment key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}

function OwnershipOf({ ownership }: { ownership: DraftOwnership }) {
  const t = useTranslations("compliance.reviews.evidence.ownershipKind");
  switch (ownership.kind) {
    case "sole":
      return t("sole");
    case "joint_with_associate":
      return t("jointWithAssociate", { associate: ownership.associate });
    case "joint_with_non_associates":
      return ownership.agreedShare
        ? t("jointAgreedShare", { holders: String(ownership.holders), share: fractionPercent(ownership.agreedShare) })
        : t("jointNoAgreedShare", { holders: String(ownership.holders) });
    case "investment_holding_company":
      return t("holdingCompany", {
        company: ownership.companyName,
        share: fractionPercent(ownership.ownership),
        holdsInvestments: ownership.principalBusinessIsHoldingInvestments ? "yes" : "no",
      });
  }
}
