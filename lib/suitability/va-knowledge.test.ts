import { describe, expect, expectTypeOf, it } from "vitest";
import { assessDerivativeKnowledge, type DerivativeKnowledgeAssessment, type DerivativeKnowledgeInput } from "./derivative-knowledge";
import { EMPTY_DRAFT, knowledgeInput, normaliseDraft } from "./draft";
import { assessVaKnowledge, EMPTY_VA_KNOWLEDGE, vaKnowledgeOf, vaKnowledgeSection, type VaKnowledgeAssessment, type VaKnowledgeInput } from "./va-knowledge";

const TODAY = "2026-12-06";
const trades = (n: number, from = "2026-01-01") =>
  Array.from({ length: n }, (_, i) => ({
    tradeDate: `${from.slice(0, 8)}${String(i + 1).padStart(2, "0")}`,
    asset: "BTC spot",
    venueOrBroker: "Spot Exchange Ltd",
  }));
const withVa = (va: Partial<VaKnowledgeInput>): VaKnowledgeInput => ({ ...structuredClone(EMPTY_VA_KNOWLEDGE), ...va });

describe("virtual-asset knowledge (SUIT-7)", () => {
  it("SUIT-7: training, a VA role or five VA transactions in three years show VA knowledge; fewer or older do not", () => {
    const five = assessVaKnowledge(withVa({ trading: { declared: true, records: trades(5) } }), { assessmentDate: TODAY });
    expect(five).toEqual({
      ok: true,
      assessment: { subject: "virtual_assets", hasKnowledge: true, basis: ["va_transactions"], windowStart: "2023-12-06", transactionsInWindow: 5 },
    });
    const four = assessVaKnowledge(withVa({ trading: { declared: true, records: trades(4) } }), { assessmentDate: TODAY });
    expect(four.ok && four.assessment.hasKnowledge).toBe(false);
    const dates = ["2023-12-05", "2023-12-06", "2024-06-01", "2025-06-01", "2026-06-01"];
    const old = assessVaKnowledge(withVa({ trading: { declared: true, records: dates.map((tradeDate) => ({ ...trades(1)[0], tradeDate })) } }), {
      assessmentDate: TODAY,
    });
    // 2023-12-06 is the first day of the 36-month window; the day before does not count.
    expect(old.ok && [old.assessment.transactionsInWindow, old.assessment.hasKnowledge]).toEqual([4, false]);
    const course = assessVaKnowledge(
      withVa({ training: { declared: true, records: [{ provider: "HKU SPACE", topics: "custody, wallets", completionDate: "2025-03-01" }] } }),
      {
        assessmentDate: TODAY,
      },
    );
    expect(course.ok && course.assessment.basis).toEqual(["va_training"]);
    expect(assessVaKnowledge(EMPTY_VA_KNOWLEDGE, { assessmentDate: TODAY })).toMatchObject({ ok: true, assessment: { hasKnowledge: false, basis: [] } });
  });

  it("SUIT-7: a yes without details, details under a no, a missing field, a future date and zero years are each refused with their path", () => {
    const result = assessVaKnowledge(
      withVa({
        training: { declared: true, records: [] },
        workExperience: { declared: false, records: [{ employer: "X", role: "", years: 0, vaDuties: " " }] },
        trading: { declared: true, records: [{ tradeDate: "2026-12-07", asset: "ETH", venueOrBroker: "V" }] },
      }),
      { assessmentDate: TODAY },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { path: "training", code: "DECLARED_WITHOUT_DETAILS" },
      { path: "workExperience", code: "DETAILS_WITHOUT_DECLARATION" },
      { path: "workExperience[0].role", code: "MISSING_FIELD" },
      { path: "workExperience[0].vaDuties", code: "MISSING_FIELD" },
      { path: "workExperience[0].years", code: "INVALID_YEARS" },
      { path: "trading[0].tradeDate", code: "FUTURE_DATE" },
    ]);
  });

  it("SUIT-7: a VA record is a different type from the derivative one: it cannot be passed where derivative knowledge is expected", () => {
    expectTypeOf<VaKnowledgeAssessment>().not.toMatchTypeOf<DerivativeKnowledgeAssessment>();
    expectTypeOf<VaKnowledgeInput>().not.toMatchTypeOf<DerivativeKnowledgeInput>();
    const va = assessVaKnowledge(withVa({ trading: { declared: true, records: trades(5) } }), { assessmentDate: TODAY });
    if (!va.ok) throw new Error("expected a valid VA assessment");
    // @ts-expect-error: a VaKnowledgeAssessment is not a DerivativeKnowledgeAssessment (no training/workExperience/trading criteria).
    const misused: DerivativeKnowledgeAssessment = va.assessment;
    expect(misused).toBe(va.assessment);
  });

  it("SUIT-7: the perps gate reads derivative knowledge only: five VA transactions and a VA course in the draft give no derivative knowledge", () => {
    const draft = normaliseDraft({
      ...EMPTY_DRAFT,
      declarations: { training: false, workExperience: false, trading: false },
      vaKnowledge: withVa({
        training: { declared: true, records: [{ provider: "VA Academy", topics: "wallets", completionDate: "2025-01-01" }] },
        trading: { declared: true, records: trades(5) },
      }),
    });
    // The VA record survives the draft's normalisation, as its own section.
    expect(vaKnowledgeOf(draft).trading.records).toHaveLength(5);
    expect(vaKnowledgeSection(draft, TODAY).assessment?.hasKnowledge).toBe(true);
    // The derivative input built from the same draft has none of it.
    const dk = assessDerivativeKnowledge(knowledgeInput(draft, null), { assessmentDate: TODAY });
    expect(dk.ok && dk.assessment.hasKnowledge).toBe(false);
    expect(JSON.stringify(knowledgeInput(draft, null))).not.toContain("VA Academy");
  });
});
