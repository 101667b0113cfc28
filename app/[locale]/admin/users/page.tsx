import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { requirePermission } from "@/lib/transport/session";
import { ROLE_FAMILY, ROLES } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { formatHkTime } from "@/lib/services/errors";
import { listUsers } from "@/lib/services/users/list-users";
import { RoleForm } from "./role-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

export default async function AdminUsersPage() {
  const ctx = await requirePermission("users.roles.manage");
  const [t, roleLabel] = await Promise.all([getTranslations("admin.users"), getTranslations("labels.role")]);
  const users = await listUsers({ ctx, input: {} });
  const stepUpAt = ctx.actor.stepUpAt;
  const fresh = stepUpAt && ctx.now().getTime() - stepUpAt.getTime() <= STEP_UP_WINDOW_MS;
  const roles = ROLES.map((role) => ({ role, label: roleLabel(role), family: t(`family.${ROLE_FAMILY[role]}`) }));
  return (
    <div className="container section">
      <article className="stack">
        <div className="section-page">
          <h1>{t("title")}</h1>
          <p className="lead">{t("lead")}</p>
          {fresh ? (
            <Alert tone="ok">{t("stepUpConfirmed", { time: formatHkTime(stepUpAt), minutes: String(STEP_UP_WINDOW_MS / 60_000) })}</Alert>
          ) : (
            <Alert tone="warn">{t.rich("stepUpNeeded", { link: (chunks) => <Link href="/step-up?next=/admin/users">{chunks}</Link> })}</Alert>
          )}
        </div>
        <TableShell caption={t("table.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("table.user")}</th>
              <th scope="col">{t("table.twoFactor")}</th>
              <th scope="col">{t("table.roles")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  <strong>{user.name}</strong>
                  <br />
                  <span className="muted">{user.email}</span>
                </td>
                <td>{user.totpEnabled ? t("table.on") : t("table.off")}</td>
                <td>
                  {user.id === ctx.actor.userId ? (
                    <span className="muted">{t("table.ownRoles", { roles: user.roles.map((r) => roleLabel(r)).join(", ") })}</span>
                  ) : (
                    <RoleForm userId={user.id} email={user.email} current={user.roles} roles={roles} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      </article>
    </div>
  );
}
