import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { requiresTotp, ROLE_LABELS } from "@/lib/auth/permissions";
import { formatHkTime } from "@/lib/services/errors";
import { PASSWORD_RULES } from "@/lib/services/users/schemas";
import { listAccountNotices } from "@/lib/services/users/list-account-notices";
import { PasswordForm } from "./password-form";
import { TotpEnrolment } from "./totp-enrolment";
import styles from "./account.module.css";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePermission("account.manage");
  const { actor } = ctx;
  const [params, notices] = await Promise.all([searchParams, listAccountNotices({ ctx })]);
  const mustEnrol = requiresTotp(actor.roles) && !actor.totpEnabled;
  return (
    <div className="container section">
      <article className="section-page stack">
        <div>
          <h1>Your account</h1>
          {params.welcome ? (
            <p className="alert alert--ok" role="status">
              Your client account is open and you are signed in. Next:{" "}
              <Link href="/portal/onboarding">start your professional-investor onboarding</Link>, which a compliance officer reviews before you can
              trade perpetual contracts.
            </p>
          ) : null}
          <dl className="facts">
            <div>
              <dt>Name</dt>
              <dd>{actor.name}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{actor.email}</dd>
            </div>
            <div>
              <dt>Roles</dt>
              <dd>{actor.roles.map((role) => ROLE_LABELS[role]).join(", ") || "None"}</dd>
            </div>
            <div>
              <dt>Two-factor authentication</dt>
              <dd>{actor.totpEnabled ? "On (authenticator app)" : mustEnrol ? "Required for your role — not set up yet" : "Off (optional for clients)"}</dd>
            </div>
            <div>
              <dt>Last step-up</dt>
              <dd>{actor.stepUpAt ? `${formatHkTime(actor.stepUpAt)} Hong Kong time` : "Not in this session"}</dd>
            </div>
          </dl>
        </div>
        {mustEnrol ? (
          <div className="alert alert--warn" role="alert">
            <p>
              <strong>Two-factor authentication is required for your role.</strong> Until you set up an authenticator app
              below, the rest of the portal stays closed to this account.
            </p>
          </div>
        ) : null}
        {notices.length ? (
          <section aria-labelledby="account-notices-heading">
            <h2 id="account-notices-heading">Security notices</h2>
            <ul className={styles.notices}>
              {notices.map((notice) => (
                <li key={notice.id} className="panel">
                  <p>
                    <strong>{notice.title}</strong> <span className="muted">{formatHkTime(notice.createdAt)} Hong Kong time</span>
                  </p>
                  <p>{notice.body}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="totp-heading">
          <h2 id="totp-heading">Two-factor authentication</h2>
          {actor.totpEnabled ? (
            <p>Your account asks for a code from your authenticator app at every sign-in and before approvals.</p>
          ) : (
            <TotpEnrolment />
          )}
        </section>
        <section aria-labelledby="password-heading">
          <h2 id="password-heading">Change password</h2>
          <p className="muted">Changing your password signs you out everywhere else.</p>
          <PasswordForm passwordRules={PASSWORD_RULES} />
        </section>
      </article>
    </div>
  );
}
