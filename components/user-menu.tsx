import { useTranslations } from "next-intl";
import { can, type Role } from "@/lib/auth/permissions";
import { Link } from "@/lib/i18n/navigation";
import { SignOutButton } from "@/components/sign-out-button";

export interface SignedInUser {
  name: string;
  email: string;
  roles: Role[];
  /** Unread notices in their inbox; null when they cannot open it yet (staff before enrolling a second factor). */
  unreadNotices: number | null;
}

/** More than this shows as "99+": the badge stays small; the link's accessible name has the exact count. */
const BADGE_MAX = 99;

/** Who is signed in (and as what), with their inbox and its unread count, their account, the complaints procedure, administration for admins, and sign-out. */
export function UserMenu({ user }: { user: SignedInUser | null }) {
  const t = useTranslations("nav.userMenu");
  const labels = useTranslations("labels.role");
  if (!user) {
    return (
      <div className="user-menu">
        <Link href="/sign-in" className="button">
          {t("signIn")}
        </Link>
        <Link href="/sign-up">{t("openAccount")}</Link>
      </div>
    );
  }
  return (
    <div className="user-menu" aria-label={t("signedInUser")}>
      <span className="user-menu__who">
        <span className="user-menu__name">{user.name}</span>
        <span className="user-menu__roles">{user.roles.map((role) => labels(role)).join(", ")}</span>
      </span>
      {user.unreadNotices !== null ? (
        // The name read out starts with the visible words ("Inbox 3 unread"), so speech input can say what it sees.
        <Link href="/portal/inbox" className="user-menu__inbox">
          {t("inbox")}{" "}
          {user.unreadNotices > 0 ? (
            <span className="user-menu__count">
              {user.unreadNotices > BADGE_MAX ? `${BADGE_MAX}+` : user.unreadNotices}
              <span className="visually-hidden">{t("inboxUnreadSuffix")}</span>
            </span>
          ) : null}
        </Link>
      ) : null}
      <Link href="/account">{t("account")}</Link>
      {/* CMP-2: the complaints procedure, from the account menu as from the footer. */}
      <Link href="/complaints">{t("complaints")}</Link>
      {can(user.roles, "users.roles.manage") ? <Link href="/admin/users">{t("usersAndRoles")}</Link> : null}
      {can(user.roles, "simulation.scenarios.inject") ? <Link href="/admin/scenarios">{t("stressScenarios")}</Link> : null}
      <SignOutButton />
    </div>
  );
}
