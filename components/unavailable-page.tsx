import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/** What a server-rendered public page shows when the engine cannot answer: its title and the reason, nothing invented. */
export function UnavailablePage({ title, what, reason }: { title: string; what: string; reason: string }) {
  const t = useTranslations("components.unavailable");
  return (
    <article className="section-page">
      <h1>{title}</h1>
      <Alert tone="error">{t("message", { what, reason })}</Alert>
    </article>
  );
}
