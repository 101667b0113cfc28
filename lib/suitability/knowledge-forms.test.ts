import { describe, expect, it } from "vitest";
import { brokerStatementForm, knowledgeInput, tradeRecordForm, workRecordForm, EMPTY_DRAFT } from "./draft";

const CONFIRMATION = { officerId: "o", officerEmail: "o@x", confirmedAt: "2026-11-21T00:00:00Z", documentSha256: "a".repeat(64) };
const role = { employer: "Retail Co", role: "Cashier", years: "2" };
const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => [i.path.join("."), i.message]);

describe("SUIT-2 knowledge forms: nothing is assumed", () => {
  it("SUIT-2: a role's form has no default answer to whether it involved derivatives", () => {
    expect(messages(workRecordForm.safeParse({ ...role, derivativeDuties: "none" }))).toEqual([
      ["relatesToDerivatives", "Answer whether this role involved derivative products."],
    ]);
  });

  it("SUIT-2: a role that involved derivatives must say how; one that did not is recorded without duties", () => {
    expect(messages(workRecordForm.safeParse({ ...role, relatesToDerivatives: "yes", derivativeDuties: "none" }))).toEqual([
      ["derivativeDuties", expect.stringMatching(/Describe how the role involved derivatives, in at least 20 characters/)],
    ]);
    expect(workRecordForm.parse({ ...role, relatesToDerivatives: "no" })).toMatchObject({ relatesToDerivatives: "no", derivativeDuties: "" });
  });

  it("SUIT-1: a trade's instrument type is chosen from the list; free text is refused", () => {
    const trade = { tradeDate: "2026-10-01", instrument: "BTC", venueOrBroker: "Exchange" };
    expect(messages(tradeRecordForm.safeParse(trade))).toEqual([["instrumentType", "Choose the instrument type from the list."]]);
    expect(messages(tradeRecordForm.safeParse({ ...trade, instrumentType: "crypto" }))).toEqual([
      ["instrumentType", "Choose the instrument type from the list."],
    ]);
    expect(tradeRecordForm.parse({ ...trade, instrumentType: "spot" }).instrumentType).toBe("spot");
  });

  it("SUIT-2: a statement's period must not end before it starts", () => {
    expect(messages(brokerStatementForm.safeParse({ broker: "Futu", periodFrom: "2026-05-01", periodTo: "2026-04-30" }))).toEqual([
      ["periodTo", "The period must end on or after the day it starts."],
    ]);
  });

  it("SUIT-2: a draft role counts as documented only with its document; a trade made before types were asked has none", () => {
    const input = knowledgeInput(
      {
        ...EMPTY_DRAFT,
        workExperience: [
          { employer: "Bank", role: "Trader", years: 2, relatesToDerivatives: true, derivativeDuties: "Traded listed futures daily", documentId: null },
        ],
        trades: [{ tradeDate: "2026-01-01", instrument: "HSI", venueOrBroker: "HKEX", documentId: "d1" } as never],
      },
      null,
      { role: new Map([[0, CONFIRMATION]]), course: new Map() },
    );
    // A confirmation cannot attach to a role without a document.
    expect(input.workExperience.records[0]).toMatchObject({ hasDocument: false, confirmation: null });
    expect(input.trading.records[0]).toMatchObject({ instrumentType: null, hasDocument: true });
  });

  it("SUIT-2: a draft course carries its certificate and only its own kind's confirmation; one without a certificate takes none", () => {
    const course = { kind: "external_course" as const, provider: "HKSI Institute", topics: ["futures"], completionDate: "2025-06-30" };
    const input = knowledgeInput(
      {
        ...EMPTY_DRAFT,
        training: [
          { ...course, documentId: "cert-1" },
          { ...course, documentId: null },
        ],
        workExperience: [
          { employer: "Bank", role: "Trader", years: 2, relatesToDerivatives: true, derivativeDuties: "Traded listed futures daily", documentId: "d1" },
        ],
      },
      null,
      // A role confirmation at index 1 must not confirm course 1, nor a course confirmation role 0.
      {
        role: new Map([[1, CONFIRMATION]]),
        course: new Map([
          [0, CONFIRMATION],
          [1, CONFIRMATION],
        ]),
      },
    );
    expect(input.training.records).toEqual([
      { ...course, hasDocument: true, confirmation: CONFIRMATION },
      { ...course, hasDocument: false, confirmation: null },
    ]);
    expect(input.workExperience.records[0]).toMatchObject({ hasDocument: true, confirmation: null });
  });
});
