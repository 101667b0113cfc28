import { useTranslations } from "next-intl";
import { formatUtc } from "@/lib/format";
import type { PublishedDisclosure } from "@/lib/services/suitability/get-public-risk-disclosures";

/** Version, effective date, kind of change and hash of one version, as its acknowledgement records them. */
export function VersionFacts({ entry }: { entry: PublishedDisclosure }) {
  const t = useTranslations("education.riskDisclosure");
  return (
    <dl className="facts">
      <div>
        <dt>{t("facts.version")}</dt>
        <dd>
          <code data-testid="disclosure-version">{entry.version.id}</code>
        </dd>
      </div>
      <div>
        <dt>{t("facts.effectiveFrom")}</dt>
        <dd>{formatUtc(Date.parse(entry.version.effectiveFrom))}</dd>
      </div>
      <div>
        <dt>{t("facts.change")}</dt>
        <dd>{entry.version.material ? t("change.material") : t("change.wording")}</dd>
      </div>
      <div>
        <dt>{t("facts.hash")}</dt>
        <dd>
          <code className="hash" data-testid="disclosure-hash">
            {entry.contentHash}
          </code>
        </dd>
      </div>
    </dl>
  );
}
