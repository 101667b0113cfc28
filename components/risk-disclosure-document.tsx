import Link from "next/link";
import type { RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";

/**
 * Renders a risk-disclosure version field for field as `canonicalText` lists them, so the text on
 * screen is the text whose hash the client's acknowledgement records.
 */
export function RiskDisclosureDocument({ doc, headingLevel = 2 }: { doc: RiskDisclosureVersion; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="prose risk-disclosure" lang={doc.language} aria-labelledby="risk-disclosure-title">
      <Heading id="risk-disclosure-title">{doc.title}</Heading>
      {doc.introduction.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {doc.sections.map((section) => {
        const SectionHeading = headingLevel === 2 ? "h3" : "h4";
        return (
          <section key={section.id} aria-labelledby={`rd-${section.id}`}>
            <SectionHeading id={`rd-${section.id}`}>{section.heading}</SectionHeading>
            {section.paragraphs.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
            {section.seeAlso.length > 0 ? (
              <ul>
                {section.seeAlso.map((link) => (
                  <li key={link.href + link.label}>
                    See: <Link href={link.href}>{link.label}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </article>
  );
}
