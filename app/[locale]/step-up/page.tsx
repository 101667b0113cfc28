import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthPage } from "@/components/auth-page";
import { Alert } from "@/components/ui/alert";
import { requirePermission } from "@/lib/transport/session";
import { safeNext } from "@/lib/auth/safe-next";
import { Link } from "@/lib/i18n/navigation";
import { STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { StepUpForm } from "./step-up-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.stepUp");
  return { title: t("title") };
}

export default async function StepUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requirePermission("account.manage");
  const t = await getTranslations("auth.stepUp");
  const params = await searchParams;
  const next = safeNext(typeof params.next === "string" ? params.next : undefined, "/account");
  return (
    <AuthPage title={t("title")} lead={t("lead", { minutes: STEP_UP_WINDOW_MS / 60_000 })}>
      {actor.totpEnabled ? (
        <StepUpForm next={next} />
      ) : (
        <Alert tone="warn">{t.rich("noAuthenticator", { link: (chunks) => <Link href="/account">{chunks}</Link> })}</Alert>
      )}
    </AuthPage>
  );
}
