import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { can } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { getConflict } from "@/lib/services/conflicts/get-conflict";
import type { ConflictSnapshot } from "@/lib/services/conflicts/internal";
import { listStaffOwners } from "@/lib/services/conflicts/list-staff-owners";
import { CONFLICT_FIELDS, CONFLICT_STATUSES, type ConflictStatus } from "@/lib/services/conflicts/schemas";
import { formatHkTime, NotFound } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";
import { ConflictForm } from "../forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.conflicts");
  return { title: t("title") };
}

export default async function ConflictEntryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requirePermission("afmm.oversight.view");
  const t = await getTranslations("oversight.conflicts");
  const { id } = await params;
  const { done } = await searchParams;
  let detail: Awaited<ReturnType<typeof getConflict>>;
  try {
    detail = await getConflict({ ctx, input: { id } });
  } catch (error) {
    if (error instanceof NotFound || (error instanceof Error && "status" in error && (error as { status: number }).status === 422)) notFound();
    throw error;
  }
  const { entry, versions, people } = detail;
  const manage = can(ctx.actor.roles, "conflicts.manage");
  const owners = manage ? await listStaffOwners({ ctx }) : [];
  const statusLabel = (status: string) => ((CONFLICT_STATUSES as readonly string[]).includes(status) ? t(`status.${status as ConflictStatus}`) : status);
  const show = (field: keyof ConflictSnapshot, snapshot: ConflictSnapshot) =>
    field === "ownerId" ? (people[snapshot.ownerId] ?? snapshot.ownerId) : field === "status" ? statusLabel(snapshot.status) : String(snapshot[field]);

  return (
    <article className="stack">
      <p>
        <Link href="/afmm/conflicts">{t("entry.back")}</Link>
      </p>
      <div className="section-page">
        <h1>{entry.title}</h1>
      </div>
      {done === "created" ? <Alert tone="ok">{t("form.created")}</Alert> : done === "saved" ? <Alert tone="ok">{t("form.saved")}</Alert> : null}
      {entry.sourceReviewId ? <p>{t("entry.sourceReview", { id: entry.sourceReviewId })}</p> : null}

      <section className="stack">
        <h2>{t("entry.current", { version: String(entry.version) })}</h2>
        <dl className="facts">
          <dt>{t("entry.status")}</dt>
          <dd>{statusLabel(entry.status)}</dd>
          <dt>{t("entry.owner")}</dt>
          <dd>{entry.ownerName ?? entry.ownerId}</dd>
          <dt>{t("entry.reviewDate")}</dt>
          <dd>
            {entry.reviewDate}
            {entry.reviewOverdue ? ` · ${t("table.overdue")}` : ""}
          </dd>
          <dt>{t("entry.description")}</dt>
          <dd style={{ whiteSpace: "pre-wrap" }}>{entry.description}</dd>
          <dt>{t("entry.mitigation")}</dt>
          <dd style={{ whiteSpace: "pre-wrap" }}>{entry.mitigation}</dd>
        </dl>
      </section>

      {manage ? (
        <section className="stack">
          <h2>{t("form.editTitle")}</h2>
          <ConflictForm initial={{ ...entry }} owners={owners} />
        </section>
      ) : null}

      <section className="stack">
        <h2>{t("entry.history")}</h2>
        <p className="muted">{t("entry.historyLead")}</p>
        {versions.map((version, index) => {
          const previous = versions[index + 1];
          const changed = previous ? CONFLICT_FIELDS.filter((field) => String(previous.snapshot[field]) !== String(version.snapshot[field])) : [];
          return (
            <section key={version.version} className="card stack" data-testid="conflict-version">
              <h3>
                {t("entry.versionHeading", {
                  version: String(version.version),
                  when: formatHkTime(new Date(version.changedAt)),
                  who: version.changedByName ?? version.changedById,
                })}
              </h3>
              <p>{t("entry.note", { note: version.changeNote })}</p>
              {!previous ? (
                <p className="muted">{t("entry.created")}</p>
              ) : changed.length === 0 ? (
                <p className="muted">{t("entry.noChange")}</p>
              ) : (
                <TableShell
                  caption={t("entry.versionHeading", {
                    version: String(version.version),
                    when: formatHkTime(new Date(version.changedAt)),
                    who: version.changedByName ?? version.changedById,
                  })}
                >
                  <thead>
                    <tr>
                      <th scope="col">{t("entry.field")}</th>
                      <th scope="col">{t("entry.before")}</th>
                      <th scope="col">{t("entry.after")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changed.map((field) => (
                      <tr key={field}>
                        <th scope="row">{t(`entry.fields.${field}`)}</th>
                        <td style={{ whiteSpace: "pre-wrap" }}>{show(field, previous.snapshot)}</td>
                        <td style={{ whiteSpace: "pre-wrap" }}>{show(field, version.snapshot)}</td>
                      </tr>
                    ))}
                  </tbody>
                </TableShell>
              )}
            </section>
          );
        })}
      </section>
    </article>
  );
}
