import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import {
  COMPLAINT_ATTACHMENT_MAX_BYTES,
  COMPLAINT_ATTACHMENTS_MAX,
  COMPLAINT_CATEGORIES,
  COMPLAINT_KINDS,
  COMPLAINT_POLICY,
  COMPLAINT_TEXT_MAX,
  EMAIL_MAX,
} from "@/lib/complaints/policy";
import { Link } from "@/lib/i18n/navigation";
import { getCurrentUser } from "@/lib/transport/session";
import { ComplaintForm } from "./complaint-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("complaints.public");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

const STEPS = ["receive", "acknowledge", "investigate", "respond", "review", "escalate", "records"] as const;

/**
 * CMP-2: the complaints procedure, public and linked from the footer and the account menu. Every
 * deadline on the page is the policy's own number (lib/complaints/policy.ts); the form beneath lets
 * the public and signed-in clients raise a complaint or an enquiry (CMP-1, EDU-2).
 */
export default async function ComplaintsPage() {
  const t = await getTranslations("complaints.public");
  const labels = await getTranslations("complaints");
  // Signed in or not, everyone gets this page; a signed-in client's complaint is tied to their account.
  const user = await getCurrentUser().catch(() => null);
  const signedInClient = user?.roles.includes("CLIENT") ?? false;
  const days = {
    acknowledge: COMPLAINT_POLICY.acknowledgeBusinessDays,
    respond: COMPLAINT_POLICY.finalResponseDays,
  } as Partial<Record<(typeof STEPS)[number], number>>;

  return (
    <article className="section-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section aria-labelledby="complaints-procedure">
        <h2 id="complaints-procedure">{t("procedureHeading")}</h2>
        <ol data-testid="complaints-procedure">
          {STEPS.map((step) => (
            <li key={step}>{t(`steps.${step}`, { days: days[step] ?? 0 })}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="complaints-fdrc">
        <h2 id="complaints-fdrc">{t("fdrcHeading")}</h2>
        <p data-testid="complaints-fdrc">{t("fdrc")}</p>
      </section>

      <section aria-labelledby="complaints-enquiries">
        <h2 id="complaints-enquiries">{t("enquiryHeading")}</h2>
        <p>{t.rich("knowledgeBase", { link: (chunks) => <Link href="/learn/questions">{chunks}</Link> })}</p>
        <p>{t("enquiry")}</p>
        <ul data-testid="enquiry-windows">
          {COMPLAINT_CATEGORIES.map((category) => (
            <li key={category}>{t("enquiryDays", { category: labels(`categories.${category}`), days: COMPLAINT_POLICY.enquiryBusinessDays[category] })}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="complaints-form">
        <h2 id="complaints-form">{t("formHeading")}</h2>
        {signedInClient ? <p>{t("signedIn")}</p> : null}
        <ComplaintForm
          submissionKey={crypto.randomUUID()}
          kinds={COMPLAINT_KINDS.map((value) => ({ value, label: labels(`kinds.${value}`) }))}
          categories={COMPLAINT_CATEGORIES.map((value) => ({ value, label: labels(`categories.${value}`) }))}
          textMax={COMPLAINT_TEXT_MAX}
          emailMax={EMAIL_MAX}
          attachmentsMax={COMPLAINT_ATTACHMENTS_MAX}
          attachmentMaxBytes={COMPLAINT_ATTACHMENT_MAX_BYTES}
          signedInClient={signedInClient}
        />
      </section>
    </article>
  );
}
