import { getTranslations } from "next-intl/server";
import { AUDIENCES } from "@/components/site-map";
import { StatusPanel } from "@/components/status-panel";
import { getHealth } from "@/lib/health";
import { Link } from "@/lib/i18n/navigation";
import type { Health } from "@/lib/wire/health";
import packageJson from "@/package.json";

// Reads the live database state on every request.
export const dynamic = "force-dynamic";

async function readHealth(): Promise<{ health?: Health; failure?: string }> {
  try {
    return { health: await getHealth() };
  } catch (error) {
    const t = await getTranslations("home");
    const message = error instanceof Error ? error.message : String(error);
    return { failure: t("statusFailed", { reason: message.split("\n")[0] || t("unknownError") }) };
  }
}

export default async function HomePage() {
  const [{ health, failure }, t, site, nav] = await Promise.all([
    readHealth(),
    getTranslations("home"),
    getTranslations("common.site"),
    getTranslations("nav.sections"),
  ]);
  return (
    <div className="container home">
      <section className="home__intro" aria-labelledby="home-heading">
        <h1 id="home-heading">{site("name")}</h1>
        <p className="lead">{t("lead")}</p>
        <p>{t("demo")}</p>
      </section>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t("sections")}</h2>
        <ul className="cards">
          {AUDIENCES.map((entry) => (
            <li key={entry.id} className="card">
              <span className="pill">{t("forAudience", { audience: nav(`${entry.id}.audience`) })}</span>
              <h3>
                <Link href={entry.href}>{nav(`${entry.id}.title`)}</Link>
              </h3>
              <p>{nav(`${entry.id}.summary`)}</p>
              <p className="muted">{nav(`${entry.id}.access`)}</p>
              <p className="card__foot">{nav(`${entry.id}.built`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <StatusPanel health={health} failure={failure} version={packageJson.version} checkedAt={new Date()} />
    </div>
  );
}
