import { getTranslations } from "next-intl/server";
import { AUDIENCES, canOpen, landingPage } from "@/components/site-map";
import { StatusPanel } from "@/components/status-panel";
import { getHealth } from "@/lib/health";
import { Link } from "@/lib/i18n/navigation";
import { getCurrentUser } from "@/lib/transport/session";
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
  const [{ health, failure }, t, site, nav, actor] = await Promise.all([
    readHealth(),
    getTranslations("home"),
    getTranslations("common.site"),
    getTranslations("nav.sections"),
    getCurrentUser(),
  ]);
  const viewer = actor?.roles ?? null;
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
              {/* Every section is described; only those that open for this reader are links (the access line says how to get in). */}
              <h3>{canOpen(landingPage(entry), viewer) ? <Link href={entry.href}>{nav(`${entry.id}.title`)}</Link> : nav(`${entry.id}.title`)}</h3>
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
