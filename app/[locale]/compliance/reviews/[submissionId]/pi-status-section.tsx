import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { formatUtc } from "@/lib/format";
import type { PiStatusView } from "@/lib/services/suitability/get-pi-status";
import { RevokeForm } from "./revoke-form";

/**
 * PI-7, PI-8: the client's professional-investor status as it stands (approved until, withdrawn by
 * the client, revoked by an officer), and the revocation form while a status is in force.
 */
export async function PiStatusSection({
  status,
  userId,
  submissionId,
  mayRevoke,
  revoked,
  stepUpFresh,
  stepUpMinutes,
}: {
  status: PiStatusView | null;
  userId: string;
  submissionId: string;
  mayRevoke: boolean;
  revoked: boolean;
  stepUpFresh: boolean;
  stepUpMinutes: number;
}) {
  const t = await getTranslations("compliance.piStatus");
  return (
    <section className="panel" aria-labelledby="pi-status-heading">
      <h2 id="pi-status-heading">{t("title")}</h2>
      {revoked ? <Alert tone="ok">{t("recorded")}</Alert> : null}
      <p data-testid="pi-status">
        {!status?.verifiedAt || !status.expiresAt
          ? t("never")
          : status.revocation
            ? t("revoked", {
                at: formatUtc(status.revocation.at.getTime()),
                officer: status.revocation.officerEmail ?? "—",
                reason: status.revocation.reason ?? "—",
              })
            : status.withdrawnAt
              ? t("withdrawn", { at: formatUtc(status.withdrawnAt.getTime()) })
              : status.inForce
                ? t("inForce", { until: formatUtc(status.expiresAt.getTime()) })
                : t("expired", { at: formatUtc(status.expiresAt.getTime()) })}
      </p>
      {status?.inForce && mayRevoke ? (
        <>
          <p>{t("revokeLead")}</p>
          <RevokeForm userId={userId} submissionId={submissionId} stepUpFresh={stepUpFresh} stepUpMinutes={stepUpMinutes} />
        </>
      ) : null}
    </section>
  );
}
