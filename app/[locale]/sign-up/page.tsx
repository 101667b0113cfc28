import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthPage } from "@/components/auth-page";
import { Link } from "@/lib/i18n/navigation";
import { PASSWORD_RULES } from "@/lib/services/users/schemas";
import { requestMessages } from "@/lib/transport/messages";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signUp");
  return { title: t("title") };
}

export default async function SignUpPage() {
  const t = await getTranslations("auth.signUp");
  const text = await requestMessages();
  return (
    <AuthPage title={t("title")} lead={t("lead")}>
      <SignUpForm passwordRules={text(PASSWORD_RULES)} />
      <p>{t.rich("haveAccount", { link: (chunks) => <Link href="/sign-in">{chunks}</Link> })}</p>
    </AuthPage>
  );
}
