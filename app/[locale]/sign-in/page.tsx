import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { safeNext } from "@/lib/auth/safe-next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  expired: "Your session has ended (it expired, or you signed out elsewhere or changed your password). Sign in again to continue.",
  "signed-out": "You have signed out.",
  // After sign-up, when signing in with the details just entered did not work (the same words whatever the reason).
  "sign-up":
    "We could not sign you in with the details you just entered. Sign in below. If that email already had an account, the account and its password are unchanged and its holder has been told of this sign-up.",
};

// next-auth sends its own error codes here (pages.error); the messages from our sign-in come back to the form instead.
const NEXTAUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect.",
  SessionRequired: "Sign in to see that page.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(typeof params.next === "string" ? params.next : undefined, "/account");
  const reason = typeof params.reason === "string" ? NOTICES[params.reason] : undefined;
  const error = typeof params.error === "string" ? (NEXTAUTH_ERRORS[params.error] ?? "Sign-in failed. Try again.") : undefined;
  const user = await getCurrentUser();
  return (
    <div className="container section">
      <article className="section-page stack">
        <div>
          <h1>Sign in</h1>
          <p className="lead">Clients and staff sign in with their email and password. Staff, and clients who have set up two-factor authentication, also enter the 6-digit code from their authenticator app.</p>
        </div>
        {user ? (
          <p className="alert alert--ok" role="status">
            You are signed in as {user.email}. <Link href={next}>Continue</Link> or sign in as someone else below.
          </p>
        ) : null}
        {reason ? (
          <p className="alert alert--warn" role="status">
            {reason}
          </p>
        ) : null}
        {error ? (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        ) : null}
        <SignInForm next={next} />
        <p>
          New client? <Link href="/sign-up">Open a client account</Link>.
        </p>
      </article>
    </div>
  );
}
