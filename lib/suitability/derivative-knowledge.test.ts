import { describe, expect, test } from "vitest";
import {
  assessDerivativeKnowledge,
  type DerivativeKnowledgeInput,
  type KnowledgeConfirmation,
  type TradeEvidence,
  type TradeRecord,
} from "./derivative-knowledge";

const ctx = { assessmentDate: "2026-11-20" };
const none = (): DerivativeKnowledgeInput => ({
  training: { declared: false, records: [] },
  workExperience: { declared: false, records: [] },
  trading: { declared: false, records: [] },
});
const trade = (tradeDate: string, over: Partial<TradeRecord & TradeEvidence> = {}): TradeRecord & TradeEvidence => ({
  tradeDate,
  instrumentType: "futures",
  instrument: "HSI futures",
  venueOrBroker: "HKEX via Futu",
  hasDocument: true,
  ...over,
});
const CONFIRMED: KnowledgeConfirmation = {
  officerId: "o-1",
  officerEmail: "officer@example.test",
  confirmedAt: "2026-11-21T02:00:00.000Z",
  documentSha256: "a".repeat(64),
};

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
      records: [
        {
          kind: "external_course",
          provider: "HKSI Institute",
          topics: ["futures", "options", "leverage risk"],
          completionDate: "2024-05-01",
          hasDocument: true,
          confirmation: CONFIRMED,
        },
      ],
    };
  if (work)
    input.workExperience = {
      declared: true,
      records: [
        {
          employer: "Example Bank",
          role: "derivatives operations analyst",
          years: 3,
          relatesToDerivatives: true,
          derivativeDuties: "settlement of OTC swaps",
          hasDocument: true,
          confirmation: CONFIRMED,
        },
      ],
    };
  if (trades) input.trading = { declared: true, records: ["2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05"].map((d) => trade(d)) };
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
    four.trading = { declared: true, records: ["2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05"].map((d) => trade(d)) };
    const a4 = assess(four);
    expect(a4.hasKnowledge).toBe(false);
    expect(a4.trading.tradesInWindow).toBe(4);
    four.trading.records.push(trade("2026-05-05"));
    expect(assess(four).hasKnowledge).toBe(true);
  });

  test("SUIT-1: 5 trades with one 37 months old fail; the window starts exactly 36 months back", () => {
    const input = none();
    input.trading = { declared: true, records: ["2023-10-20", "2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05"].map((d) => trade(d)) };
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
      records: [{ employer: "Retail Co", role: "cashier", years: 2, relatesToDerivatives: false, derivativeDuties: "", hasDocument: true, confirmation: null }],
    };
    const a = assess(input);
    expect(a.hasKnowledge).toBe(false);
    expect(a.workExperience.reasons.join()).toMatch(/did not relate to derivatives/);
  });
});

describe("SUIT-1 SUIT-2 knowledge is not self-declared", () => {
  const role = (over: Record<string, unknown> = {}) => ({
    employer: "Example Bank",
    role: "derivatives operations analyst",
    years: 3,
    relatesToDerivatives: true,
    derivativeDuties: "settlement and margining of listed futures and OTC swaps",
    hasDocument: true,
    confirmation: null as KnowledgeConfirmation | null,
    ...over,
  });
  const withRoles = (...roles: ReturnType<typeof role>[]) => ({ ...none(), workExperience: { declared: true, records: roles } });

  test("SUIT-1 SUIT-2: a role counts only with derivative duties stated, a document and an officer's confirmation", () => {
    const table: [string, ReturnType<typeof role>, string, boolean][] = [
      ["cashier, duties: none", role({ role: "cashier", relatesToDerivatives: false, derivativeDuties: "" }), "not_derivative", false],
      ["derivative duties, no document", role({ hasDocument: false }), "no_document", false],
      ["derivative duties and document, not confirmed", role(), "awaiting_confirmation", false],
      ["derivative duties, document, confirmed", role({ confirmation: CONFIRMED }), "confirmed", true],
      // A confirmation without the document cannot stand: the document is what was confirmed.
      ["confirmed but no document", role({ hasDocument: false, confirmation: CONFIRMED }), "no_document", false],
    ];
    for (const [name, record, standing, met] of table) {
      const a = assess(withRoles(record));
      expect(a.workExperience.roles[0]?.standing, name).toBe(standing);
      expect(a.workExperience.met, name).toBe(met);
      expect(a.hasKnowledge, name).toBe(met);
    }
    const awaiting = assess(withRoles(role()));
    expect(awaiting.workExperience.reasons.join()).toMatch(/awaiting officer confirmation/);
    const confirmed = assess(withRoles(role({ confirmation: CONFIRMED })));
    expect(confirmed.workExperience.roles[0]?.confirmation).toEqual(CONFIRMED);
    expect(confirmed.workExperience.reasons.join()).toContain("officer@example.test");
  });

  test("SUIT-1 SUIT-2: five typed spot trades with no documents count zero, each with its reason", () => {
    const input = none();
    input.trading = {
      declared: true,
      records: ["2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05"].map((d) =>
        trade(d, { instrumentType: "spot", instrument: "BTC spot", hasDocument: false }),
      ),
    };
    const a = assess(input);
    expect(a.trading.tradesInWindow).toBe(0);
    expect(a.hasKnowledge).toBe(false);
    expect(a.trading.trades.map((t) => t.standing)).toEqual(Array(5).fill("not_derivative"));
    expect(a.trading.reasons.join()).toMatch(/spot is not a derivative/);
  });

  test("SUIT-1 SUIT-2: each trade's standing: non-derivative types, missing type, no evidence, too old and repeats do not count", () => {
    const input = none();
    input.trading = {
      declared: true,
      records: [
        trade("2026-01-05"),
        trade("2026-01-05", { instrument: " hsi  FUTURES ", venueOrBroker: "hkex via futu" }), // the same trade typed again
        trade("2026-02-05", { instrumentType: "cash_equity", instrument: "HSBC shares" }),
        trade("2026-03-05", { instrumentType: null }),
        trade("2026-04-05", { hasDocument: false }),
        trade("2020-04-05"),
        trade("2026-05-05", { instrumentType: "options" }),
      ],
    };
    const a = assess(input);
    expect(a.trading.trades.map((t) => t.standing)).toEqual([
      "counted",
      "duplicate",
      "not_derivative",
      "type_missing",
      "no_evidence",
      "outside_window",
      "counted",
    ]);
    expect(a.trading.trades[1]?.duplicateOf).toBe(0);
    expect(a.trading.tradesInWindow).toBe(2);
    expect(a.trading.reasons.join()).toMatch(/repeats trade 1: counted once/);
  });

  test("SUIT-1 SUIT-2: a statement declared to cover a period evidences the trades dated in it, and only those", () => {
    const dates = ["2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05"];
    const input = none();
    input.trading = {
      declared: true,
      records: dates.map((d) => trade(d, { hasDocument: false })),
      statements: [{ broker: "Futu", periodFrom: "2026-01-01", periodTo: "2026-04-30", hasDocument: true }],
    };
    let a = assess(input);
    expect(a.trading.trades.map((t) => t.standing)).toEqual(["counted", "counted", "counted", "counted", "no_evidence"]);
    expect(a.trading.trades[0]?.evidence).toEqual({ kind: "statement", index: 0 });
    expect(a.hasKnowledge).toBe(false);
    input.trading.statements![0].periodTo = "2026-05-05"; // the last day of the period is inside it
    a = assess(input);
    expect(a.trading.tradesInWindow).toBe(5);
    expect(a.hasKnowledge).toBe(true);
    // A statement without its document evidences nothing.
    input.trading.statements![0].hasDocument = false;
    expect(assess(input).trading.tradesInWindow).toBe(0);
    // A period that ends before it starts is refused.
    input.trading.statements![0] = { broker: "Futu", periodFrom: "2026-05-01", periodTo: "2026-04-01", hasDocument: true };
    const r = assessDerivativeKnowledge(input, ctx);
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.code])).toEqual([["trading.statements[0].periodTo", "INVALID_PERIOD"]]);
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
        training: {
          declared: true,
          records: [{ kind: "external_course", provider: "", topics: [" "], completionDate: "2026-12-01", hasDocument: false, confirmation: null }],
        },
        workExperience: {
          declared: true,
          records: [{ employer: "Bank", role: "", years: 0, relatesToDerivatives: true, derivativeDuties: "", hasDocument: false, confirmation: null }],
        },
        trading: { declared: false, records: [{ tradeDate: "2026-13-01", instrumentType: "futures", instrument: "", venueOrBroker: "", hasDocument: false }] },
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

describe("SUIT-1 SUIT-2 an external course is not self-declared", () => {
  const course = (over: Record<string, unknown> = {}) => ({
    kind: "external_course" as const,
    provider: "HKSI Institute",
    topics: ["futures", "options", "margin"],
    completionDate: "2025-06-30",
    hasDocument: true,
    confirmation: null as KnowledgeConfirmation | null,
    ...over,
  });
  const withCourses = (...courses: ReturnType<typeof course>[]) => ({ ...none(), training: { declared: true, records: courses } });

  test("SUIT-1 SUIT-2: an external course counts only with its certificate and an officer's confirmation against it", () => {
    const table: [string, ReturnType<typeof course>, string, boolean][] = [
      ["provider, topics and date typed, no certificate", course({ hasDocument: false }), "no_document", false],
      ["certificate attached, not confirmed", course(), "awaiting_confirmation", false],
      ["certificate attached and confirmed", course({ confirmation: CONFIRMED }), "confirmed", true],
      // The certificate is what was confirmed: a confirmation without it cannot stand.
      ["confirmed but no certificate", course({ hasDocument: false, confirmation: CONFIRMED }), "no_document", false],
    ];
    for (const [name, record, standing, met] of table) {
      const a = assess(withCourses(record));
      expect(a.training.courses[0]?.standing, name).toBe(standing);
      expect(a.training.met, name).toBe(met);
      expect(a.hasKnowledge, name).toBe(met);
      expect(a.basis, name).toEqual(met ? ["training"] : []);
    }
    expect(assess(withCourses(course())).training.reasons.join()).toMatch(
      /course by HKSI Institute on futures, options, margin, completed 2025-06-30: awaiting officer confirmation/,
    );
    const confirmed = assess(withCourses(course({ confirmation: CONFIRMED })));
    expect(confirmed.training.courses[0]?.confirmation).toEqual(CONFIRMED);
    expect(confirmed.training.reasons.join()).toContain("confirmed by officer@example.test on 2026-11-21");
  });

  test("SUIT-1 SUIT-2: roles and courses follow one rule: the same evidence gives the same standing", () => {
    const role = { employer: "Bank", role: "Futures clerk", years: 2, relatesToDerivatives: true, derivativeDuties: "Settled listed futures daily" };
    for (const evidence of [
      { hasDocument: false, confirmation: null },
      { hasDocument: true, confirmation: null },
      { hasDocument: true, confirmation: CONFIRMED },
      { hasDocument: false, confirmation: CONFIRMED },
    ]) {
      const a = assess({
        training: { declared: true, records: [course(evidence)] },
        workExperience: { declared: true, records: [{ ...role, ...evidence }] },
        trading: { declared: false, records: [] },
      });
      expect(a.training.courses[0]?.standing).toBe(a.workExperience.roles[0]?.standing);
      expect(a.training.met).toBe(a.workExperience.met);
    }
  });

  test("SUIT-1 SUIT-2: each course has its own standing, by its index; one confirmed course meets training", () => {
    const a = assess(
      withCourses(course({ hasDocument: false }), course({ provider: "Other Academy" }), course({ provider: "Third", confirmation: CONFIRMED })),
    );
    expect(a.training.courses.map((c) => [c.index, c.standing])).toEqual([
      [0, "no_document"],
      [1, "awaiting_confirmation"],
      [2, "confirmed"],
    ]);
    expect(a.training.met).toBe(true);
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
    expect(a.training.courses.map((c) => c.standing)).toEqual(["platform_passed"]);
  });

  test("SUIT-3 SUIT-2: the passed platform course counts with no officer; an unconfirmed external course beside it does not", () => {
    const external = {
      kind: "external_course" as const,
      provider: "HKSI Institute",
      topics: ["options"],
      completionDate: "2025-01-10",
      hasDocument: true,
      confirmation: null,
    };
    const platform = { kind: "platform_course" as const, courseVersion: "perps-101 v3", quizPassed: true, completionDate: "2026-11-01" };
    const a = assess({ ...none(), training: { declared: true, records: [external, platform] } });
    expect(a.training.courses.map((c) => [c.index, c.standing])).toEqual([
      [0, "awaiting_confirmation"],
      [1, "platform_passed"],
    ]);
    expect(a.training.met).toBe(true);
    const failed = assess({ ...none(), training: { declared: true, records: [external, { ...platform, quizPassed: false }] } });
    expect(failed.training.courses.map((c) => c.standing)).toEqual(["awaiting_confirmation", "platform_not_passed"]);
    expect(failed.training.met).toBe(false);
  });
});
