import Link from "next/link";
import { AUDIENCES } from "@/components/site-map";

export default function NotFound() {
  return (
    <div className="container section">
      <article className="section-page">
        <h1>Page not found</h1>
        <p className="lead">There is no page at this address. It may have been mistyped, it may not exist yet, or
          your role does not give access to it (pages outside your role are not shown, not even as forbidden).</p>
        <p>The portal&apos;s sections are:</p>
        <ul>
          {AUDIENCES.map((entry) => (
            <li key={entry.id}>
              <Link href={entry.href}>{entry.title}</Link> <span className="muted">(for {entry.audience})</span>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/">Back to the home page</Link>
        </p>
      </article>
    </div>
  );
}
