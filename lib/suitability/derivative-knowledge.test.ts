import { describe, expect, test } from "vitest";
import { assessDerivativeKnowledge, type DerivativeKnowledgeInput, type TradeRecord } from "./derivative-knowledge";

const ctx = { assessmentDate: "2026-11-20" };
const none = (): DerivativeKnowledgeInput => ({
  training: { declared: false, records: [] },
  workExperience: { declared: false, records: [] },
  trading: { declared: false, records: [] },
});
const trade = (tradeDate: string): TradeRecord => ({ tradeDate, instrument: "HSI futures", venueOrBroker: "HKEX via Futu" });

function assess(input: DerivativeKnowledgeInput, c = ctx) {
  const r = assessDerivativeKnowledge(input, c);
  if (!r.ok) throw new Error(`unexpected validation errors: ${JSON.stringify(r.errors.map((e) => e.message))}`);
  return r.assessment;
}

function withCriteria(training: boolean, work: boolean, trades: boolean): DerivativeKnowledgeInput {
  const input = none();
  if (training)
    input.training = {
      declared: true,
      records: [{ kind: "external_course", provider: "HKSI Institute", topics: ["futures", "options", "leverage risk"], completionDate: "2024-05-01" }],
    };
  if (work)
    input.workExperience = {
      declared: true,
      records: [
        { employer: "Example Bank", role: "derivatives operations analyst", years: 3, relatesToDerivatives: true, derivativeDuties: "settlement of OTC swaps" },
      ],
    };
  if (trades) input.trading = { declared: true, records: ["2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05"].map(trade) };
  return input;
}

describe("SUIT-1 derivative knowledge", () => {
  const combos = [false, true].flatMap((t) => [false, true].flatMap((w) => [false, true].map((x) => [t, w, x] as const)));
  test.each(combos)("SUIT-1: truth table training=%s work=%s trades=%s", (t, w, x) => {
    const a = assess(withCriteria(t, w, x));
    expect(a.hasKnowledge).toBe(t || w || x);
    expect(a.training.met).toBe(t);
    expect(a.workExperience.met).toBe(w);
    expect(a.trading.met).toBe(x);
    expect(a.basis).toEqual([...(t ? ["training"] : []), ...(w ? ["work_experience"] : []), ...(x ? ["trading_experience"] : [])]);
  });

  test("SUIT-1: an empty form gives no knowledge, with the reason", () => {
    const a = assess(none());
    expect(a.hasKnowledge).toBe(false);
    expect(a.basis).toEqual([]);
    expect(a.reasons.join()).toMatch(/no information given/);
  });

  test("SUIT-1: 4 trades in 36 months fail, 5 pass", () => {
    const four = none();
    four.trading = { declared: true, records: ["2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05"].map(trade) };
    const a4 = assess(four);
    expect(a4.hasKnowledge).toBe(false);
    expect(a4.trading.tradesInWindow).toBe(4);
    four.trading.records.push(trade("2026-05-05"));
    expect(assess(four).hasKnowledge).toBe(true);
  });

  test("SUIT-1: 5 trades with one 37 months old fail; the window starts exactly 36 months back", () => {
    const input = none();
    input.trading = { declared: true, records: ["2023-10-20", "2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05"].map(trade) };
    const a = assess(input);
    expect(a.trading.windowStart).toBe("2023-11-20");
    expect(a.trading.tradesInWindow).toBe(4);
    expect(a.hasKnowledge).toBe(false);
    expect(a.trading.reasons.join()).toMatch(/1 trade\(s\) older than 36 months/);
    // Boundary: 36 months to the day counts, one day earlier does not.
    input.trading.records[0] = trade("2023-11-20");
    expect(assess(input).hasKnowledge).toBe(true);
    input.trading.records[0] = trade("2023-11-19");
    expect(assess(input).hasKnowledge).toBe(false);
  });

  test("SUIT-1: 36 months back from 29 February clamps to 28 February (the window never reaches further back)", () => {
    expect(assess(none(), { assessmentDate: "2028-02-29" }).trading.windowStart).toBe("2025-02-28");
    expect(assess(none(), { assessmentDate: "2027-02-28" }).trading.windowStart).toBe("2024-02-28");
  });

  test("SUIT-1: work experience unrelated to derivatives does not count", () => {
    const input = none();
    input.workExperience = {
      declared: true,
      records: [{ employer: "Retail Co", role: "cashier", years: 2, relatesToDerivatives: false, derivativeDuties: "" }],
    };
    const a = assess(input);
    expect(a.hasKnowledge).toBe(false);
    expect(a.workExperience.reasons.join()).toMatch(/did not relate to derivatives/);
  });
});

describe("SUIT-2 no bare yes", () => {
  test('SUIT-2: "yes" to each criterion without details is a validation error, not knowledge', () => {
    const r = assessDerivativeKnowledge(
      { training: { declared: true, records: [] }, workExperience: { declared: true, records: [] }, trading: { declared: true, records: [] } },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ["training", "DECLARED_WITHOUT_DETAILS"],
      ["workExperience", "DECLARED_WITHOUT_DETAILS"],
      ["trading", "DECLARED_WITHOUT_DETAILS"],
    ]);
  });

  test("SUIT-2: incomplete details are refused field by field", () => {
    const r = assessDerivativeKnowledge(
      {
        training: { declared: true, records: [{ kind: "external_course", provider: "", topics: [" "], completionDate: "2026-12-01" }] },
        workExperience: { declared: true, records: [{ employer: "Bank", role: "", years: 0, relatesToDerivatives: true, derivativeDuties: "" }] },
        trading: { declared: false, records: [{ tradeDate: "2026-13-01", instrument: "", venueOrBroker: "" }] },
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual([
      "trading",
      "training.records[0].completionDate",
      "training.records[0].provider",
      "training.records[0].topics",
      "workExperience.records[0].role",
      "workExperience.records[0].years",
      "workExperience.records[0].derivativeDuties",
      "trading.records[0].tradeDate",
      "trading.records[0].instrument",
      "trading.records[0].venueOrBroker",
    ]);
  });
});

describe("SUIT-3 platform course", () => {
  test("SUIT-3: the platform course counts as training only with a passed quiz, and records its version", () => {
    const input = none();
    input.training = { declared: true, records: [{ kind: "platform_course", courseVersion: "perps-101 v3", quizPassed: false, completionDate: "2026-11-01" }] };
    expect(assess(input).hasKnowledge).toBe(false);
    input.training.records = [{ kind: "platform_course", courseVersion: "perps-101 v3", quizPassed: true, completionDate: "2026-11-01" }];
    const a = assess(input);
    expect(a.training.met).toBe(true);
    expect(a.training.reasons.join()).toContain("perps-101 v3");
  });
});
