import { formatInteger, formatUtc } from "@/lib/format";
import type { Health } from "@/lib/wire/health";

const DATABASE_KIND: Record<Health["db"], string> = {
  embedded: "Embedded PostgreSQL (PGlite)",
  postgres: "PostgreSQL server",
  unreachable: "Unreachable",
};

/** Keeps credentials out of a message shown on a public page (connection URLs may carry a password). */
function redact(message: string): string {
  return message.replace(/\b(postgres(?:ql)?):\/\/\S+/gi, "$1://…");
}

function engineText(engine: Health["engine"] | undefined): string {
  if (!engine) return "Unknown (the status could not be read)";
  if (!engine.running) return `Not running: ${engine.reason}`;
  const where = engine.mode === "remote" ? "followed from a standalone engine" : engine.mode === "engine" ? "standalone engine" : "running in this server";
  const position = engine.position === null ? "" : `, journal position ${formatInteger(engine.position)}`;
  const at = engine.simulatedAtMs ? `, simulated time ${formatUtc(engine.simulatedAtMs)}` : "";
  return `Running (${where}${position}${at})`;
}

function migrationsText(migrations: Health["migrations"]): string {
  if (!migrations) return "Unknown (the database could not be read)";
  const applied = `${migrations.applied} applied`;
  const pending = migrations.pending === 0 ? "none pending" : `${migrations.pending} pending`;
  return `${applied}, ${pending}`;
}

/**
 * "What is running": facts read from the server when the page was requested. Either `health`
 * (from getHealth) or `failure` (why it could not be read) is given.
 */
export function StatusPanel({
  health,
  failure,
  version,
  checkedAt,
}: {
  health?: Health;
  failure?: string;
  /** The app's own version, shown even when the health check itself failed. */
  version: string;
  checkedAt: Date;
}) {
  const ok = health?.status === "ok";
  const checked = new Intl.DateTimeFormat("en-HK", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Asia/Hong_Kong",
  }).format(checkedAt);
  const reason = failure ?? health?.reason;

  return (
    <section className="panel status-panel" aria-labelledby="status-heading">
      <div className="status-panel__head">
        <h2 id="status-heading">What is running</h2>
        <span className={`pill ${ok ? "pill--ok" : "pill--warn"}`}>
          {ok ? "Database ready" : health ? "Needs attention" : "Status unavailable"}
        </span>
      </div>
      <p className="muted">
        Read from the server for this page view, {checked} Hong Kong time.
      </p>
      {reason ? (
        <p className="status-panel__reason" role="status">
          <strong>Problem:</strong> {redact(reason)}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Database</dt>
          <dd>{health ? DATABASE_KIND[health.db] : "Unknown"}</dd>
        </div>
        <div>
          <dt>Migrations</dt>
          <dd>
            {migrationsText(health?.migrations ?? null)}
            {health?.migrations?.latest ? (
              <>
                <br />
                <span className="muted">
                  Latest: <code>{health.migrations.latest}</code>
                </span>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>App version</dt>
          <dd>{health?.version ?? version}</dd>
        </div>
        <div>
          <dt>Market simulation</dt>
          <dd>{engineText(health?.engine)}</dd>
        </div>
      </dl>
    </section>
  );
}
