import type { ReactNode } from "react";

/** The narrow page around the sign-in, sign-up and step-up forms: the title, the lead, then the form and its notes. */
export function AuthPage({ title, lead, children }: { title: string; lead: ReactNode; children: ReactNode }) {
  return (
    <div className="container section">
      <article className="section-page stack">
        <div>
          <h1>{title}</h1>
          <p className="lead">{lead}</p>
        </div>
        {children}
      </article>
    </div>
  );
}
