import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { TableShell } from "@/components/ui/table-shell";
import { COMPLIANCE_MATRIX, type MatrixArea, type MatrixRequirement } from "@/lib/compliance-matrix/matrix";
import { Link } from "@/lib/i18n/navigation";
import { requirePermission } from "@/lib/transport/session";

const CERTAINTY_TAGS = ["P", "S", "M", "I", "D"] as const;
type CertaintyTag = (typeof CERTAINTY_TAGS)[number];
const isCertaintyTag = (tag: string): tag is CertaintyTag => (CERTAINTY_TAGS as readonly string[]).includes(tag);

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("requirements");
  return { title: t("title") };
}

export default async function RequirementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("compliance.view");
  const t = await getTranslations("requirements");
  const { areas, requirements, tests, testFiles } = COMPLIANCE_MATRIX;
  const requested = (await searchParams).area;
  const areaFilter = typeof requested === "string" && requested !== "" ? requested : undefined;
  const unknownArea = areaFilter !== undefined && !areas.some((area) => area.prefix === areaFilter);
  const shown = areaFilter && !unknownArea ? areas.filter((area) => area.prefix === areaFilter) : areas;
  const totals = areas.reduce((sum, area) => ({ requirements: sum.requirements + area.requirements, named: sum.named + area.named }), {
    requirements: 0,
    named: 0,
  });
  const areaHeading = (area: MatrixArea) => t("areaHeading", { name: area.name, prefix: area.prefix });

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        <Alert tone="warn">{t("statusMeaning")}</Alert>
        <p className="muted">{t("testSummary", { tests, files: testFiles })}</p>
      </div>

      <TableShell caption={t("summaryCaption")}>
        <thead>
          <tr>
            <th scope="col">{t("summaryColumns.area")}</th>
            <th scope="col" className="num">
              {t("summaryColumns.requirements")}
            </th>
            <th scope="col" className="num">
              {t("summaryColumns.named")}
            </th>
            <th scope="col" className="num">
              {t("summaryColumns.unnamed")}
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => (
            <tr key={area.prefix}>
              <th scope="row">
                <Link href={{ pathname: "/compliance/requirements", query: { area: area.prefix } }}>{areaHeading(area)}</Link>
              </th>
              <td className="num">{area.requirements}</td>
              <td className="num">{area.named}</td>
              <td className="num">{area.requirements - area.named}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("total")}</th>
            <td className="num">{totals.requirements}</td>
            <td className="num">{totals.named}</td>
            <td className="num">{totals.requirements - totals.named}</td>
          </tr>
        </tbody>
      </TableShell>

      <section aria-labelledby="certainty">
        <h2 id="certainty">{t("certaintyHeading")}</h2>
        <dl className="facts">
          {CERTAINTY_TAGS.map((tag) => (
            <div key={tag}>
              <dt>{t("certaintyPill", { tag })}</dt>
              <dd>{t(`certainty.${tag}`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <form className="filters" method="get" aria-label={t("filterLabel")}>
        <div className="field">
          <label htmlFor="area">{t("areaLabel")}</label>
          <select id="area" name="area" defaultValue={unknownArea ? "" : (areaFilter ?? "")}>
            <option value="">{t("allAreas")}</option>
            {areas.map((area) => (
              <option key={area.prefix} value={area.prefix}>
                {areaHeading(area)}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit" className="button">
            {t("show")}
          </button>{" "}
          <Link href="/compliance/requirements">{t("clear")}</Link>
        </p>
      </form>

      {unknownArea ? <Alert tone="error">{t("unknownArea", { area: areaFilter })}</Alert> : null}

      {shown.map((area) => (
        <AreaSection key={area.prefix} area={area} requirements={requirements.filter((requirement) => requirement.area === area.prefix)} />
      ))}
    </article>
  );
}

async function AreaSection({ area, requirements }: { area: MatrixArea; requirements: MatrixRequirement[] }) {
  const t = await getTranslations("requirements");
  const headingId = `area-${area.prefix}`;
  const testKind = (file: string) => t(`testKind.${kindOfTestFile(file)}`);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("areaHeading", { name: area.name, prefix: area.prefix })}</h2>
      <p className="muted">{t("areaCount", { named: area.named, requirements: area.requirements })}</p>
      <TableShell caption={t("tableCaption", { name: area.name })}>
        <thead>
          <tr>
            <th scope="col">{t("columns.id")}</th>
            <th scope="col">{t("columns.requirement")}</th>
            <th scope="col">{t("columns.source")}</th>
            <th scope="col">{t("columns.verification")}</th>
            <th scope="col">{t("columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {requirements.map((requirement) => (
            <tr key={requirement.id} id={requirement.id}>
              <th scope="row" className="nowrap">
                {requirement.id}
              </th>
              <td>{requirement.text}</td>
              <td>
                {requirement.source}
                <br />
                {requirement.certainty.map((tag) => (
                  <span key={tag}>
                    <span className="pill" title={isCertaintyTag(tag) ? t(`certainty.${tag}`) : undefined}>
                      {t("certaintyPill", { tag })}
                    </span>{" "}
                  </span>
                ))}
              </td>
              <td>{verificationText(requirement.verification, testKind, t("testKind.source"))}</td>
              <td>
                {requirement.tests.length > 0 ? (
                  <details>
                    <summary>
                      <span className="pill pill--ok">{t("namedBy", { count: requirement.tests.length })}</span>
                    </summary>
                    <ul>
                      {requirement.tests.map((test, index) => (
                        // One declaration can repeat a title (a table of cases), so the position keeps keys apart.
                        <li key={`${index}:${test.file}`}>
                          {test.title} <span className="muted">({testKind(test.file)})</span>
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  <strong>{t("notNamed")}</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableShell>
    </section>
  );
}

/** Which suite a test file belongs to, which is what a reader of the matrix needs, rather than its path. */
function kindOfTestFile(file: string): "unit" | "database" | "browser" {
  if (/\.spec\.ts$|\.setup\.ts$/.test(file)) return "browser";
  if (/\.db\.test\.ts$/.test(file)) return "database";
  return "unit";
}

/**
 * The catalogue marks code with backticks: test files it names are shown as the kind of test they are,
 * anything else as code.
 */
const SOURCE_PATH = /^(README|ARCHITECTURE)|^(lib|app|components|scripts|docs|e2e|prisma|test|messages|public)\/|\.(ts|tsx|md|json|sql|mjs)$/;

function verificationText(text: string, testKind: (file: string) => string, sourceCode: string): ReactNode[] {
  return text.split("`").map((part, index) => {
    if (index % 2 === 0) return part;
    if (/\.(test|spec|setup)\.ts$/.test(part)) return <em key={index}>{testKind(part)}</em>;
    // A path into the repository means nothing to a reader of the portal: say it is in the source code.
    if (SOURCE_PATH.test(part)) return <em key={index}>{sourceCode}</em>;
    return <code key={index}>{part}</code>;
  });
}
