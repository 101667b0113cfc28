import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { safeNext } from "@/lib/auth/safe-next";
import { STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { StepUpForm } from "./step-up-form";

export const metadata: Metadata = { title: "Confirm it is you" };

export default async function StepUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requirePermission("account.manage");
  const params = await searchParams;
  const next = safeNext(typeof params.next === "string" ? params.next : undefined, "/account");
  return (
    <div className="container section">
      <article className="section-page stack">
        <div>
          <h1>Confirm it is you</h1>
          <p className="lead">
            Sign-offs and approvals need a fresh code from your authenticator app. Once confirmed, you can approve for the
            next {STEP_UP_WINDOW_MS / 60_000} minutes in this session.
          </p>
        </div>
        {actor.totpEnabled ? (
          <StepUpForm next={next} />
        ) : (
          <p className="alert alert--warn">
            Your account has no authenticator app yet. <Link href="/account">Set one up on your account page</Link> first.
          </p>
        )}
      </article>
    </div>
  );
}
