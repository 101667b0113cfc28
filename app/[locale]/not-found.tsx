import { getTranslations } from "next-intl/server";
import { audiencesFor } from "@/components/site-map";
import { Link } from "@/lib/i18n/navigation";
import { getCurrentUser } from "@/lib/transport/session";

// Offers only the sections that open for this reader: a page a role may not open answers this same 404.
export default async function NotFound() {
  const [t, nav, actor] = await Promise.all([getTranslations("common.notFound"), getTranslations("nav.sections"), getCurrentUser()]);
  return (
    <div className="container section">
      <article className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <p>{t("sections")}</p>
        <ul>
          {audiencesFor(actor?.roles ?? null).map((entry) => (
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
