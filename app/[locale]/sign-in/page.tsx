import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthPage } from "@/components/auth-page";
import { Alert } from "@/components/ui/alert";
import { getCurrentUser } from "@/lib/transport/session";
import { safeNext } from "@/lib/auth/safe-next";
import { Link } from "@/lib/i18n/navigation";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

// `?reason=` names why the reader was sent here.
const NOTICES = {
  expired: "expired",
  "signed-out": "signedOut",
  // After sign-up, when signing in with the details just entered did not work (the same words whatever the reason).
  "sign-up": "signUp",
} as const;

// next-auth sends its own error codes here (pages.error); the messages from our sign-in come back to the form instead.
const NEXTAUTH_ERRORS = {
  CredentialsSignin: "credentialsSignin",
  SessionRequired: "sessionRequired",
} as const;

function keyOf<Keys extends Record<string, string>>(keys: Keys, value: string | string[] | undefined): Keys[keyof Keys] | undefined {
  return typeof value === "string" && Object.hasOwn(keys, value) ? keys[value as keyof Keys] : undefined;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("auth.signIn");
  const params = await searchParams;
  const next = safeNext(typeof params.next === "string" ? params.next : undefined, "/account");
  const reason = keyOf(NOTICES, params.reason);
  const errorKey = keyOf(NEXTAUTH_ERRORS, params.error);
  const error = typeof params.error === "string" ? t(`errors.${errorKey ?? "failed"}`) : undefined;
  const user = await getCurrentUser();
  return (
    <AuthPage title={t("title")} lead={t("lead")}>
      {user ? <Alert tone="ok">{t.rich("signedInAs", { email: user.email, continue: (chunks) => <Link href={next}>{chunks}</Link> })}</Alert> : null}
      {reason ? <Alert tone="warn">{t(`notices.${reason}`)}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <SignInForm next={next} />
      <p>{t.rich("newClient", { link: (chunks) => <Link href="/sign-up">{chunks}</Link> })}</p>
    </AuthPage>
  );
}
