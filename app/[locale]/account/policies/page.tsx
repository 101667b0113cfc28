import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { listMyPolicies } from "@/lib/services/conflicts/list-my-policies";
import { requirePermission } from "@/lib/transport/session";
import { MyPolicies } from "../../afmm/conflicts/my-policies";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.conflicts.policies");
  return { title: t("myTitle") };
}

/** AFMM-3: every member of staff reads the conflicts policies in force and attests here (administrators included). */
export default async function MyPoliciesPage() {
  const ctx = await requirePermission("policies.attest");
  const t = await getTranslations("oversight.conflicts.policies");
  const policies = await listMyPolicies({ ctx });
  return (
    <div className="container section">
      <article className="section-page stack">
        <h1>{t("myTitle")}</h1>
        <p className="lead">{t("lead")}</p>
        <MyPolicies policies={policies} />
      </article>
    </div>
  );
}
