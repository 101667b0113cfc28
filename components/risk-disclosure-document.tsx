import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { localizedDisclosure, type RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";

/**
 * Renders a risk-disclosure version field for field as `canonicalText` lists them, so the text on
 * screen is the text whose hash the client's acknowledgement records. Only the "See:" before each
 * link is the reader's language; the versioned text stays as it was acknowledged. A version with a
 * Traditional Chinese text shows it to a zh-HK reader (the hash covers both languages).
 */
export function RiskDisclosureDocument({ doc, headingLevel = 2 }: { doc: RiskDisclosureVersion; headingLevel?: 2 | 3 }) {
  const t = useTranslations("components.document");
  const text = localizedDisclosure(doc, useLocale());
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="prose risk-disclosure" lang={text.language} aria-labelledby="risk-disclosure-title">
      <Heading id="risk-disclosure-title">{text.title}</Heading>
      {text.introduction.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      {text.sections.map((section) => {
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
                  <li key={link.href + link.label}>{t.rich("seeAlso", { label: link.label, link: (chunks) => <Link href={link.href}>{chunks}</Link> })}</li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
    </article>
  );
}
