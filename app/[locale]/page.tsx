import Link from "next/link";
import { AUDIENCES } from "@/components/site-map";
import { StatusPanel } from "@/components/status-panel";
import { getHealth } from "@/lib/health";
import type { Health } from "@/lib/wire/health";
import packageJson from "@/package.json";

// Reads the live database state on every request.
export const dynamic = "force-dynamic";

async function readHealth(): Promise<{ health?: Health; failure?: string }> {
  try {
    return { health: await getHealth() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { failure: `the status check failed: ${message.split("\n")[0] || "unknown error"}` };
  }
}

export default async function HomePage() {
  const { health, failure } = await readHealth();
  return (
    <div className="container home">
      <section className="home__intro" aria-labelledby="home-heading">
        <h1 id="home-heading">HK Perps Disclosure &amp; Compliance Portal</h1>
        <p className="lead">
          This portal is for a Hong Kong SFC-licensed virtual-asset trading platform that offers perpetual contracts to
          professional investors, with an affiliated market maker (AFMM) quoting on its markets. It publishes what the
          public should be able to check about those markets, gives clients a view of their own accounts, and gives
          compliance officers and Responsible Officers the records they need to supervise the platform and the market
          maker.
        </p>
        <p>
          This is a demo environment running against a simulated market. Where a section is not built yet, it says so
          and names the work item that will deliver it.
        </p>
      </section>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">Sections</h2>
        <ul className="cards">
          {AUDIENCES.map((entry) => (
            <li key={entry.id} className="card">
              <span className="pill">For: {entry.audience}</span>
              <h3>
                <Link href={entry.href}>{entry.title}</Link>
              </h3>
              <p>{entry.summary}</p>
              <p className="muted">{entry.access}</p>
              <p className="card__foot">{entry.built}</p>
            </li>
          ))}
        </ul>
      </section>

      <StatusPanel health={health} failure={failure} version={packageJson.version} checkedAt={new Date()} />
    </div>
  );
}
