import Link from "next/link";
import { can, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { SignOutButton } from "@/components/sign-out-button";

export interface SignedInUser {
  name: string;
  email: string;
  roles: Role[];
}

/** Who is signed in (and as what), with their account, administration for admins, and sign-out. */
export function UserMenu({ user }: { user: SignedInUser | null }) {
  if (!user) {
    return (
      <div className="user-menu">
        <Link href="/sign-in" className="button">
          Sign in
        </Link>
        <Link href="/sign-up">Open a client account</Link>
      </div>
    );
  }
  return (
    <div className="user-menu" aria-label="Signed-in user">
      <span className="user-menu__who">
        <span className="user-menu__name">{user.name}</span>
        <span className="user-menu__roles">{user.roles.map((role) => ROLE_LABELS[role]).join(", ")}</span>
      </span>
      <Link href="/account">Account</Link>
      {can(user.roles, "users.roles.manage") ? <Link href="/admin/users">Users and roles</Link> : null}
      {can(user.roles, "simulation.scenarios.inject") ? <Link href="/admin/scenarios">Stress scenarios</Link> : null}
      <SignOutButton />
    </div>
  );
}
