import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { requirePermission } from "@/lib/transport/session";
import { can, requiresTotp } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { formatHkTime } from "@/lib/services/errors";
import { PASSWORD_RULES } from "@/lib/services/users/schemas";
import { requestMessages } from "@/lib/transport/messages";
import { listAccountNotices } from "@/lib/services/users/list-account-notices";
import { PasswordForm } from "./password-form";
import { TotpEnrolment } from "./totp-enrolment";
import { EmailVerificationForm } from "./email-verification";
import { getEmailVerification } from "@/lib/services/users/get-email-verification";
import { NoticeList } from "@/components/notice-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePermission("account.manage");
  const { actor } = ctx;
  const [params, notices, t, roleLabel, text, emailState] = await Promise.all([
    searchParams,
    listAccountNotices({ ctx }),
    getTranslations("account"),
    getTranslations("labels.role"),
    requestMessages(),
    getEmailVerification({ ctx }),
  ]);
  const policiesText = await getTranslations("oversight.conflicts.policies");
  const mustEnrol = requiresTotp(actor.roles) && !actor.totpEnabled;
  return (
    <div className="container section">
      <article className="section-page stack">
        <div>
          <h1>{t("title")}</h1>
          {params.welcome ? <Alert tone="ok">{t.rich("welcome", { link: (chunks) => <Link href="/portal/onboarding">{chunks}</Link> })}</Alert> : null}
          <dl className="facts">
            <div>
              <dt>{t("facts.name")}</dt>
              <dd>{actor.name}</dd>
            </div>
            <div>
              <dt>{t("facts.email")}</dt>
              <dd>{actor.email}</dd>
            </div>
            <div>
              <dt>{t("facts.roles")}</dt>
              <dd>{actor.roles.map((role) => roleLabel(role)).join(", ") || t("facts.noRoles")}</dd>
            </div>
            <div>
              <dt>{t("facts.twoFactor")}</dt>
              <dd>{actor.totpEnabled ? t("facts.twoFactorOn") : mustEnrol ? t("facts.twoFactorRequired") : t("facts.twoFactorOff")}</dd>
            </div>
            <div>
              <dt>{t("facts.lastStepUp")}</dt>
              <dd>{actor.stepUpAt ? t("facts.lastStepUpAt", { time: formatHkTime(actor.stepUpAt) }) : t("facts.noStepUp")}</dd>
            </div>
          </dl>
        </div>
        {can(actor.roles, "policies.attest") && actor.totpEnabled ? (
          <p>
            <Link href="/account/policies">{policiesText("accountLink")}</Link>
          </p>
        ) : null}
        {mustEnrol ? (
          <Alert tone="warn" as="div">
            <p>{t.rich("mustEnrol", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
          </Alert>
        ) : null}
        {notices.length ? (
          <section aria-labelledby="account-notices-heading">
            <h2 id="account-notices-heading">{t("notices.heading")}</h2>
            <NoticeList notices={notices} when={(createdAt) => t("notices.at", { time: formatHkTime(createdAt) })} />
          </section>
        ) : null}
        <section aria-labelledby="email-verification-heading">
          <h2 id="email-verification-heading">{t("clientSecurity.email.heading")}</h2>
          {emailState.verifiedAt ? (
            <p data-testid="email-verified">{t("clientSecurity.email.verifiedAt", { email: emailState.email, time: formatHkTime(emailState.verifiedAt) })}</p>
          ) : (
            <>
              <p>
                {emailState.codeExpiresAt
                  ? t("clientSecurity.email.pending", { email: emailState.email, time: formatHkTime(emailState.codeExpiresAt) })
                  : t("clientSecurity.email.noCode", { email: emailState.email })}{" "}
                {t("clientSecurity.email.why")}
              </p>
              {emailState.demoMailbox ? (
                <Alert tone="warn">{t.rich("clientSecurity.email.demoMailbox", { link: (chunks) => <Link href="/demo-mailbox">{chunks}</Link> })}</Alert>
              ) : null}
              <EmailVerificationForm />
            </>
          )}
        </section>
        <section aria-labelledby="totp-heading">
          <h2 id="totp-heading">{t("totp.heading")}</h2>
          {actor.totpEnabled ? <p>{t("totp.enabled")}</p> : <TotpEnrolment />}
        </section>
        <section aria-labelledby="password-heading">
          <h2 id="password-heading">{t("password.heading")}</h2>
          <p className="muted">{t("password.signsOutElsewhere")}</p>
          <PasswordForm passwordRules={text(PASSWORD_RULES)} />
        </section>
      </article>
    </div>
  );
}
