import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { ROLE_FAMILY, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { formatHkTime } from "@/lib/services/errors";
import { listUsers } from "@/lib/services/users/list-users";
import { RoleForm } from "./role-form";

export const metadata: Metadata = { title: "Users and roles" };

const FAMILY_LABELS = { CLIENT: "Client", PLATFORM: "Platform operations", AFMM: "Affiliated market maker" } as const;

export default async function AdminUsersPage() {
  const ctx = await requirePermission("users.roles.manage");
  const users = await listUsers({ ctx, input: {} });
  const stepUpAt = ctx.actor.stepUpAt;
  const fresh = stepUpAt && ctx.now().getTime() - stepUpAt.getTime() <= STEP_UP_WINDOW_MS;
  const roles = ROLES.map((role) => ({ role, label: ROLE_LABELS[role], family: FAMILY_LABELS[ROLE_FAMILY[role]] }));
  return (
    <div className="container section">
      <article className="stack">
        <div className="section-page">
          <h1>Users and roles</h1>
          <p className="lead">
            Grant and remove roles. A user&apos;s roles must all come from one group: client, platform operations, or the
            affiliated market maker (AFMM-2: no one holds a platform role and an AFMM role together). Every change needs a
            reason and is written to the audit log.
          </p>
          {fresh ? (
            <p className="alert alert--ok" role="status">
              Step-up confirmed at {formatHkTime(stepUpAt)} Hong Kong time; you can change roles for {STEP_UP_WINDOW_MS / 60_000} minutes from then.
            </p>
          ) : (
            <p className="alert alert--warn" role="status">
              Changing roles needs a fresh authenticator code. <Link href="/step-up?next=/admin/users">Confirm it is you</Link> first.
            </p>
          )}
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Users and their roles</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Two-factor</th>
                <th scope="col">Roles</th>
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
                  <td>{user.totpEnabled ? "On" : "Off"}</td>
                  <td>
                    {user.id === ctx.actor.userId ? (
                      <span className="muted">{user.roles.map((r) => ROLE_LABELS[r]).join(", ")} (your own roles are changed by another administrator)</span>
                    ) : (
                      <RoleForm userId={user.id} email={user.email} current={user.roles} roles={roles} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </article>
    </div>
  );
}
