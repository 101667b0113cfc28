import type { Metadata } from "next";
import Link from "next/link";
import { RiskDisclosureDocument } from "@/components/risk-disclosure-document";
import { requirePermission } from "@/lib/auth/session";
import { formatUtc } from "@/lib/format";
import { getDisclosureStatus, type DisclosureStatus } from "@/lib/services/suitability/get-disclosure-status";
import { AcknowledgeForm } from "./acknowledge-form";

export const metadata: Metadata = { title: "Risk disclosures" };
export const dynamic = "force-dynamic";

/**
 * Onboarding step: read and acknowledge the current risk disclosure (DISC-8, issue 7 pt 5). The
 * version, effective date and content hash are shown so the client can see exactly what they accept.
 */
export default async function RiskDisclosuresPage() {
  const ctx = await requirePermission("portal.view");
  const status = await getDisclosureStatus({ ctx });
  const { version, contentHash } = status.current;
  const acknowledgedThisVersion = status.latest?.versionId === version.id;
  return (
    <article className="stack">
      <div className="prose">
        <p>
          <Link href="/portal/onboarding">Onboarding</Link>
        </p>
        <h1>Risk disclosures</h1>
        <p className="lead">
          Before trading perpetual contracts you read and acknowledge the platform&apos;s risk disclosure. When a new version makes a material change, you
          acknowledge it again before your next order.
        </p>
      </div>
      <section className="panel" aria-labelledby="your-status">
        <h2 id="your-status">Your acknowledgement</h2>
        <StatusText status={status} />
        <dl className="facts">
          <div>
            <dt>Current version</dt>
            <dd>
              <code>{version.id}</code>
            </dd>
          </div>
          <div>
            <dt>In effect since</dt>
            <dd>{formatUtc(Date.parse(version.effectiveFrom))}</dd>
          </div>
          <div>
            <dt>SHA-256 of the text below</dt>
            <dd>
              <code className="hash">{contentHash}</code>
            </dd>
          </div>
        </dl>
        <p className="field__hint">
          Until you acknowledge the version in effect, the portal accepts no order on your account, and your application
          cannot be submitted for review.
        </p>
      </section>
      <RiskDisclosureDocument doc={version} />
      {acknowledgedThisVersion ? null : <AcknowledgeForm versionId={version.id} contentHash={contentHash} />}
    </article>
  );
}

function StatusText({ status }: { status: DisclosureStatus }) {
  const { latest, acknowledged, current } = status;
  if (!latest) return <p>You have not acknowledged the risk disclosure yet. Read it below, then acknowledge it at the end of the page.</p>;
  const when = `${formatUtc(latest.acknowledgedAt.getTime())} (channel: ${latest.channel})`;
  if (latest.versionId === current.version.id) {
    return (
      <p>
        <strong>Acknowledged.</strong> You acknowledged version <code>{latest.versionId}</code> at {when}.
      </p>
    );
  }
  if (acknowledged) {
    return (
      <p>
        You acknowledged version <code>{latest.versionId}</code> at {when}. It still applies: the changes in version <code>{current.version.id}</code> are not
        material. You may acknowledge the current version as well.
      </p>
    );
  }
  return (
    <p>
      <strong>A fresh acknowledgement is needed.</strong> You acknowledged version <code>{latest.versionId}</code> at {when}; version{" "}
      <code>{current.version.id}</code> makes material changes. Read it below and acknowledge it before your next order.
    </p>
  );
}
