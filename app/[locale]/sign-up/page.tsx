import type { Metadata } from "next";
import Link from "next/link";
import { PASSWORD_RULES } from "@/lib/services/users/schemas";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Open a client account" };

export default function SignUpPage() {
  return (
    <div className="container section">
      <article className="section-page stack">
        <div>
          <h1>Open a client account</h1>
          <p className="lead">
            For professional investors who want to trade on the platform. After signing up you complete onboarding before
            you can trade. Staff accounts are not opened here; an administrator sets them up.
          </p>
        </div>
        <SignUpForm passwordRules={PASSWORD_RULES} />
        <p>
          Already have an account? <Link href="/sign-in">Sign in</Link>.
        </p>
      </article>
    </div>
  );
}
