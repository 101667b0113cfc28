import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requirePermission } from "@/lib/transport/session";
import { COMPLIANCE_MATRIX, type MatrixArea, type MatrixRequirement } from "@/lib/compliance-matrix/matrix";

/** Every string the page shows, in one place so they can move into the message catalogue as they are. */
const TEXT = {
  title: "Requirements matrix",
  lead:
    "Every regulatory requirement the portal is built against: what it asks, where it comes from and how sure that source is, how the portal verifies it, and which tests name it.",
  statusMeaning:
    "Status means named by tests in this build. When the portal is built, the titles of its unit, database and browser tests are read from their source code; a test counts for a requirement when its title names the requirement's ID. Status does not say whether those tests passed: the test run does.",
  templateNote: "A title containing ${…} is one test written once that runs for several cases.",
  catalogueNote: "The catalogue, with the full source register, is docs/requirements.md in the portal's repository.",
  certaintyHeading: "How sure each source is",
  certainty: {
    P: "Primary: wording seen in an SFC, HKMA or Hong Kong legislation text.",
    S: "Secondary: a law-firm or consultancy summary, or news; paragraph numbers may be wrong.",
    M: "From memory: no stored copy of the source was found; verify against the primary text.",
    I: "Industry practice seen on a real platform; not a legal requirement.",
    D: "Our design decision or assumption; to be confirmed with compliance or counsel.",
  } as Record<string, string>,
  summaryCaption: "Requirements per area and how many of them tests name",
  summaryColumns: { area: "Area", requirements: "Requirements", named: "Named by tests", unnamed: "No test names them yet" },
  total: "All areas",
  filterLabel: "Filter the requirements by area",
  areaLabel: "Area",
  allAreas: "All areas",
  show: "Show",
  clear: "Clear",
  unknownArea: (area: string) => `There is no area "${area}": showing all areas.`,
  testSummary: (tests: number, files: number) => `This build has ${tests} test declarations in ${files} test files.`,
  areaHeading: (area: MatrixArea) => `${area.name} (${area.prefix})`,
  areaCount: (area: MatrixArea) => `${area.named} of ${area.requirements} requirements named by tests.`,
  tableCaption: (area: MatrixArea) => `Requirements of the area ${area.name}`,
  columns: { id: "ID", requirement: "Requirement", source: "Source and certainty", verification: "How it is verified", status: "Status" },
  certaintyPill: (tag: string) => `[${tag}]`,
  namedBy: (count: number) => (count === 1 ? "Named by 1 test" : `Named by ${count} tests`),
  notNamed: "No test names this requirement yet",
};

export const metadata: Metadata = { title: TEXT.title };

export default async function RequirementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("compliance.view");
  const { areas, requirements, tests, testFiles } = COMPLIANCE_MATRIX;
  const requested = (await searchParams).area;
  const areaFilter = typeof requested === "string" && requested !== "" ? requested : undefined;
  const unknownArea = areaFilter !== undefined && !areas.some((area) => area.prefix === areaFilter);
  const shown = areaFilter && !unknownArea ? areas.filter((area) => area.prefix === areaFilter) : areas;
  const totals = areas.reduce((sum, area) => ({ requirements: sum.requirements + area.requirements, named: sum.named + area.named }), { requirements: 0, named: 0 });

  return (
    <article className="stack">
      <div className="section-page">
        <h1>{TEXT.title}</h1>
        <p className="lead">{TEXT.lead}</p>
        <p className="alert alert--warn" role="note">
          {TEXT.statusMeaning}
        </p>
        <p className="muted">
          {TEXT.testSummary(tests, testFiles)} {TEXT.templateNote} {TEXT.catalogueNote}
        </p>
      </div>

      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{TEXT.summaryCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{TEXT.summaryColumns.area}</th>
              <th scope="col" className="num">
                {TEXT.summaryColumns.requirements}
              </th>
              <th scope="col" className="num">
                {TEXT.summaryColumns.named}
              </th>
              <th scope="col" className="num">
                {TEXT.summaryColumns.unnamed}
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => (
              <tr key={area.prefix}>
                <th scope="row">
                  <Link href={`/compliance/requirements?area=${area.prefix}`}>{TEXT.areaHeading(area)}</Link>
                </th>
                <td className="num">{area.requirements}</td>
                <td className="num">{area.named}</td>
                <td className="num">{area.requirements - area.named}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{TEXT.total}</th>
              <td className="num">{totals.requirements}</td>
              <td className="num">{totals.named}</td>
              <td className="num">{totals.requirements - totals.named}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <section aria-labelledby="certainty">
        <h2 id="certainty">{TEXT.certaintyHeading}</h2>
        <dl className="facts">
          {Object.entries(TEXT.certainty).map(([tag, meaning]) => (
            <div key={tag}>
              <dt>{TEXT.certaintyPill(tag)}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </section>

      <form className="filters" method="get" aria-label={TEXT.filterLabel}>
        <div className="field">
          <label htmlFor="area">{TEXT.areaLabel}</label>
          <select id="area" name="area" defaultValue={unknownArea ? "" : (areaFilter ?? "")}>
            <option value="">{TEXT.allAreas}</option>
            {areas.map((area) => (
              <option key={area.prefix} value={area.prefix}>
                {TEXT.areaHeading(area)}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit" className="button">
            {TEXT.show}
          </button>{" "}
          <Link href="/compliance/requirements">{TEXT.clear}</Link>
        </p>
      </form>

      {unknownArea ? (
        <p className="alert alert--error" role="alert">
          {TEXT.unknownArea(areaFilter)}
        </p>
      ) : null}

      {shown.map((area) => (
        <AreaSection key={area.prefix} area={area} requirements={requirements.filter((requirement) => requirement.area === area.prefix)} />
      ))}
    </article>
  );
}

function AreaSection({ area, requirements }: { area: MatrixArea; requirements: MatrixRequirement[] }) {
  const headingId = `area-${area.prefix}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{TEXT.areaHeading(area)}</h2>
      <p className="muted">{TEXT.areaCount(area)}</p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{TEXT.tableCaption(area)}</caption>
          <thead>
            <tr>
              <th scope="col">{TEXT.columns.id}</th>
              <th scope="col">{TEXT.columns.requirement}</th>
              <th scope="col">{TEXT.columns.source}</th>
              <th scope="col">{TEXT.columns.verification}</th>
              <th scope="col">{TEXT.columns.status}</th>
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
                      <span className="pill" title={TEXT.certainty[tag]}>
                        {TEXT.certaintyPill(tag)}
                      </span>{" "}
                    </span>
                  ))}
                </td>
                <td>{withCode(requirement.verification)}</td>
                <td>
                  {requirement.tests.length > 0 ? (
                    <details>
                      <summary>
                        <span className="pill pill--ok">{TEXT.namedBy(requirement.tests.length)}</span>
                      </summary>
                      <ul>
                        {requirement.tests.map((test, index) => (
                          // One declaration can repeat a title (a table of cases), so the position keeps keys apart.
                          <li key={`${index}:${test.file}`}>
                            {test.title}
                            <br />
                            <code className="muted">{test.file}</code>
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : (
                    <strong>{TEXT.notNamed}</strong>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The catalogue marks file names and code with backticks; show those parts as code. */
function withCode(text: string): ReactNode[] {
  return text.split("`").map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}
