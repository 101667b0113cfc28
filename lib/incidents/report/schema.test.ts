import { describe, expect, it } from "vitest";
import { canonicalReportText } from "./canonical";
import { computeIncidentReport } from "./compute";
import { incidentPseudonymKey } from "./pseudonym";
import { INCIDENT_REPORT_JSON_SCHEMA, INCIDENT_REPORT_SCHEMA_ID, validateIncidentReport } from "./schema";
import { runScenario, scenarioReportInput } from "./test-scenario";
import type { IncidentReport } from "./types";

const report = computeIncidentReport(scenarioReportInput(runScenario(), incidentPseudonymKey("a test secret of at least 32 characters", "inc-1")));
/** The report as a reader downloads it: the published canonical JSON, parsed. */
const downloaded = () => JSON.parse(canonicalReportText(report)) as IncidentReport;

describe("the published JSON Schema of the post-event report (DISC-7, RPT-7)", () => {
  it("the computed report validates, after the round trip through its published text", () => {
    expect(validateIncidentReport(downloaded())).toEqual({ ok: true, report: downloaded() });
  });

  it("a report with a wrong, missing or extra figure is refused, naming where", () => {
    const wrongType = downloaded() as unknown as { adl: { beyondMinimum: unknown } };
    wrongType.adl.beyondMinimum = 2000;
    expect(validateIncidentReport(wrongType)).toEqual({ ok: false, problems: [expect.stringMatching(/^\$\.adl\.beyondMinimum: /)] });

    const notInteger = downloaded();
    notInteger.insuranceFund.after = "100.5";
    expect(validateIncidentReport(notInteger)).toEqual({ ok: false, problems: ["$.insuranceFund.after: a non-negative integer as decimal text"] });

    const missing = downloaded() as Partial<IncidentReport>;
    delete missing.configHash;
    expect(validateIncidentReport(missing)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^\$\.configHash: /)] });

    const extra = downloaded() as IncidentReport & { adl: { note?: string } };
    extra.adl.note = "edited";
    expect(validateIncidentReport(extra)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^\$\.adl: .*note/)] });

    const accountId = downloaded();
    accountId.adl.fills[0].account = "1000004";
    expect(validateIncidentReport(accountId)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^\$\.adl\.fills\[0\]\.account: /)] });

    expect(validateIncidentReport(null)).toMatchObject({ ok: false });
  });

  it("the JSON Schema names itself, its version and every field, and closes its objects", () => {
    const schema = INCIDENT_REPORT_JSON_SCHEMA as Record<string, unknown> & { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(schema.$id).toBe(INCIDENT_REPORT_SCHEMA_ID);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema).toMatchObject({ title: expect.any(String), version: 1, type: "object", additionalProperties: false });
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(report).sort());
    expect(schema.required).toEqual(expect.arrayContaining(Object.keys(report)));
    expect(Object.keys(schema.properties.adl.properties!).sort()).toEqual(Object.keys(report.adl).sort());
    // Serializable as it is published.
    expect(JSON.parse(JSON.stringify(INCIDENT_REPORT_JSON_SCHEMA))).toEqual(INCIDENT_REPORT_JSON_SCHEMA);
  });
});
