import { useTranslations } from "next-intl";
import { AUDIENCES } from "@/components/site-map";
import { Link } from "@/lib/i18n/navigation";

export default function NotFound() {
  const t = useTranslations("common.notFound");
  const nav = useTranslations("nav.sections");
  return (
    <div className="container section">
      <article className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <p>{t("sections")}</p>
        <ul>
          {AUDIENCES.map((entry) => (
            <li key={entry.id}>
              <Link href={entry.href}>{nav(`${entry.id}.title`)}</Link>{" "}
              <span className="muted">{t("audience", { audience: nav(`${entry.id}.audience`) })}</span>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/">{t("home")}</Link>
        </p>
      </article>
    </div>
  );
}
