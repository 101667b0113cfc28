import { useLocale, useTranslations } from "next-intl";
import { formatInteger, formatUtc } from "@/lib/format";
import type { Health } from "@/lib/wire/health";

/** Keeps credentials out of a message shown on a public page (connection URLs may carry a password). */
function redact(message: string): string {
  return message.replace(/\b(postgres(?:ql)?):\/\/\S+/gi, "$1://…");
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
  const t = useTranslations("components.status");
  const locale = useLocale();
  const ok = health?.status === "ok";
  // Hong Kong English dates in English ("5 Jan 2026"), the reader's locale otherwise.
  const checked = new Intl.DateTimeFormat(locale === "en" ? "en-HK" : locale, {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "Asia/Hong_Kong",
  }).format(checkedAt);
  const reason = failure ?? health?.reason;
  const migrations = health?.migrations ?? null;
  const engine = health?.engine;

  return (
    <section className="panel status-panel" aria-labelledby="status-heading">
      <div className="status-panel__head">
        <h2 id="status-heading">{t("heading")}</h2>
        <span className={`pill ${ok ? "pill--ok" : "pill--warn"}`}>{ok ? t("ok") : health ? t("attention") : t("unavailable")}</span>
      </div>
      <p className="muted">{t("checked", { checked })}</p>
      {reason ? (
        <p className="status-panel__reason" role="status">
          {t.rich("problem", { reason: redact(reason), strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("database")}</dt>
          <dd>{health ? t(`databaseKind.${health.db}`) : t("unknown")}</dd>
        </div>
        <div>
          <dt>{t("migrations")}</dt>
          <dd>
            {migrations ? t("migrationsCount", { applied: String(migrations.applied), pending: migrations.pending }) : t("migrationsUnknown")}
            {migrations?.latest ? (
              <>
                <br />
                <span className="muted">{t.rich("latest", { name: migrations.latest, code: (chunks) => <code>{chunks}</code> })}</span>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("appVersion")}</dt>
          <dd>{health?.version ?? version}</dd>
        </div>
        <div>
          <dt>{t("simulation")}</dt>
          <dd>
            {!engine
              ? t("engineUnknown")
              : !engine.running
                ? t("engineNotRunning", { reason: engine.reason })
                : t("engineRunning", {
                    mode: engine.mode,
                    position: engine.position === null ? "none" : formatInteger(engine.position),
                    time: engine.simulatedAtMs ? formatUtc(engine.simulatedAtMs) : "none",
                  })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
