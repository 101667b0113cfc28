"use client";

import { signOut } from "next-auth/react";
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
        void signOut({ callbackUrl: "/sign-in?reason=signed-out" });
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
