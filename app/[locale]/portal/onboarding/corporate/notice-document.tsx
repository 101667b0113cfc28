import type { NoticeText } from "@/lib/suitability/corporate-pi-notice";
import { Link } from "@/lib/i18n/navigation";

/** The 15.3B notice as the client reads it, in their language; the same structure the content hash covers. */
export function NoticeDocument({ text, versionLabel }: { text: NoticeText; versionLabel: string }) {
  return (
    <section className="panel prose" aria-labelledby="cpi-notice-title" data-testid="cpi-notice">
      <h2 id="cpi-notice-title">{text.title}</h2>
      <p className="field__hint">{versionLabel}</p>
      {text.introduction.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {text.sections.map((section) => (
        <section key={section.id} aria-labelledby={`cpi-notice-${section.id}`}>
          <h3 id={`cpi-notice-${section.id}`}>{section.heading}</h3>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
          {section.seeAlso.map((link) => (
            <p key={link.href}>
              <Link href={link.href}>{link.label}</Link>
            </p>
          ))}
        </section>
      ))}
    </section>
  );
}
