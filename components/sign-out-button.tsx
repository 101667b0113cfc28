"use client";

import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";

/** Posts to next-auth's sign-out endpoint (with its CSRF token), which also revokes the server-side session. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="button button--quiet"
      disabled={pending || !hydrated}
      onClick={() => {
        setPending(true);
        // Loaded on click: the header is on every page, and next-auth's client (~13 kB gzipped)
        // would otherwise be downloaded by every visitor, most of whom are not signed in.
        import("next-auth/react")
          .then(({ signOut }) => signOut({ callbackUrl: "/sign-in?reason=signed-out" }))
          .catch(() => setPending(false));
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
