import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { RiskDisclosureDocument } from "@/components/risk-disclosure-document";
import { requirePermission } from "@/lib/transport/session";
import { formatUtc } from "@/lib/format";
import { getDisclosureStatus, type DisclosureStatus } from "@/lib/services/suitability/get-disclosure-status";
import { StepIntro } from "../step";
import { AcknowledgeForm } from "./acknowledge-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding.riskDisclosures");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * Onboarding step: read and acknowledge the current risk disclosure (DISC-8). The
 * version, effective date and content hash are shown so the client can see exactly what they accept.
 */
export default async function RiskDisclosuresPage() {
  const ctx = await requirePermission("portal.view");
  const status = await getDisclosureStatus({ ctx });
  const { version, contentHash } = status.current;
  const acknowledgedThisVersion = status.latest?.versionId === version.id;
  const t = await getTranslations("onboarding.riskDisclosures");
  return (
    <article className="stack">
      <StepIntro title={t("title")} lead={t("lead")} />
      <section className="panel" aria-labelledby="your-status">
        <h2 id="your-status">{t("yourAcknowledgement")}</h2>
        <StatusText status={status} />
        <dl className="facts">
          <div>
            <dt>{t("currentVersion")}</dt>
            <dd>
              <code>{version.id}</code>
            </dd>
          </div>
          <div>
            <dt>{t("inEffectSince")}</dt>
            <dd>{formatUtc(Date.parse(version.effectiveFrom))}</dd>
          </div>
          <div>
            <dt>{t("contentHash")}</dt>
            <dd>
              <code className="hash">{contentHash}</code>
            </dd>
          </div>
        </dl>
        <p className="field__hint">{t("untilAcknowledged")}</p>
      </section>
      <RiskDisclosureDocument doc={version} />
      {acknowledgedThisVersion ? null : <AcknowledgeForm versionId={version.id} contentHash={contentHash} />}
    </article>
  );
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
const code = (chunks: ReactNode) => <code>{chunks}</code>;

function StatusText({ status }: { status: DisclosureStatus }) {
  const t = useTranslations("onboarding.riskDisclosures.status");
  const { latest, acknowledged, current } = status;
  if (!latest) return <p>{t("none")}</p>;
  const when = t("when", { at: formatUtc(latest.acknowledgedAt.getTime()), channel: latest.channel });
  const versions = { version: latest.versionId, current: current.version.id, when, strong, code };
  if (latest.versionId === current.version.id) return <p>{t.rich("acknowledged", versions)}</p>;
  if (acknowledged) return <p>{t.rich("stillApplies", versions)}</p>;
  return <p>{t.rich("freshNeeded", versions)}</p>;
}
