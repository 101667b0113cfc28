"use client";

import { useHydrated } from "@/components/use-hydrated";

/**
 * The submit button of a form that posts through JavaScript (next-auth's sign-in, a server action called
 * from an onSubmit handler): disabled until React owns the page, so an early click is not lost to a plain
 * page reload, and while the submission is under way.
 */
export function ScriptSubmitButton({ pending, label, pendingLabel = label }: { pending: boolean; label: string; pendingLabel?: string }) {
  const hydrated = useHydrated();
  return (
    <p>
      <button type="submit" className="button" disabled={pending || !hydrated}>
        {pending ? pendingLabel : label}
      </button>
    </p>
  );
}
