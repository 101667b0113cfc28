import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { formatHkTime } from "@/lib/services/errors";
import type { MyPolicy } from "@/lib/services/conflicts/list-my-policies";
import { AttestForm } from "./forms";

/** AFMM-3: the policies in force for the signed-in member of staff, their text and the attestation action. */
export async function MyPolicies({ policies }: { policies: MyPolicy[] }) {
  const t = await getTranslations("oversight.conflicts.policies");
  if (policies.length === 0) return <p className="muted">{t("none")}</p>;
  return (
    <div className="stack">
      {policies.map((policy) => (
        <section key={policy.id} className="card stack" data-testid="my-policy">
          <h3>{policy.title}</h3>
          <p className="muted">{t("version", { version: String(policy.version), from: formatHkTime(new Date(policy.effectiveFrom)) })}</p>
          <p className="muted">
            <code>{t("hash", { hash: policy.textSha256 })}</code>
          </p>
          {policy.text === null ? (
            <Alert tone="warn">{t("textMissing")}</Alert>
          ) : (
            <details>
              <summary>{t("showText")}</summary>
              <p>{policy.textMatches ? t("hashOk") : t("hashMismatch")}</p>
              <pre style={{ whiteSpace: "pre-wrap" }}>{policy.text}</pre>
            </details>
          )}
          <h4>{t("mine", { year: String(policy.year) })}</h4>
          {policy.attestedThisYearAt ? (
            <Alert tone="ok">{t("attestedOn", { when: formatHkTime(new Date(policy.attestedThisYearAt)) })}</Alert>
          ) : (
            <>
              {policy.overdue ? (
                <Alert tone="warn">{t("overdue", { when: formatHkTime(new Date(policy.dueAt)) })}</Alert>
              ) : (
                <p>{t("dueBy", { when: formatHkTime(new Date(policy.dueAt)) })}</p>
              )}
              <AttestForm policyId={policy.id} />
            </>
          )}
        </section>
      ))}
    </div>
  );
}
