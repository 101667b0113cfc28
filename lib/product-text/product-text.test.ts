import { describe, expect, it } from "vitest";
import { messageWords } from "@/test/message-words";
import { english, traditionalChinese } from "@/lib/i18n/catalogue";
import { messageKeys } from "@/lib/i18n/catalogue-gaps";
import { canonicalText as courseText, PERPS_COURSE_VERSIONS, currentCourse } from "@/lib/suitability/course";
import { ALL_QUESTION_BANKS, CURRENT_COURSE_QUIZ_BANK, CURRENT_RISK_QUIZ_BANK } from "@/lib/suitability/quiz-banks";
import { canonicalText as disclosureText, currentVersion, RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { MARKET_PARAMETER_DOCS } from "@/lib/engine/parameter-docs";
import { formatParameterValue } from "@/lib/parameter-format";
import { productTextFindings } from "./patterns";

const at = (catalogue: unknown, key: string) =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);

describe("product text (DISC-8): no file paths, repository documents, issue numbers or engine codes", () => {
  it("DISC-8: the scan finds each kind of leak, and leaves ordinary product text alone", () => {
    const leaks = [
      "Not enforced yet (issue 7)",
      "see #12",
      "built in lib/services/suitability/acknowledgements.ts",
      "the page app/[locale]/portal/page.tsx",
      "README, Public API",
      "refused: INSUFFICIENT_MARGIN",
      'reject("INVALID_COMMAND", "kind must be client")',
      "Planned in a later issue.",
      "This page is built by the work item on reports.",
      "Issue #31 adds this page",
      "see the README",
      "rendered by page.tsx",
      "此頁將由另一個工作項目建成",
    ];
    for (const text of leaks) expect(productTextFindings("t", text), text).not.toEqual([]);
    const clean = [
      "BTC-PERP funding at 0.01 % per interval",
      "Version rd-2026-12-v2, in effect since 6 Dec 2026",
      "Code of Conduct 5.3, PI Rules s.5 and Cap. 656",
      "Pass mark 80 %. At most 3 attempts in any 30 d.",
      "GET /api/public/methodology returns JSON",
      "Not built yet. Planned: a CSV download of the whole record.",
      "Surveillance alerts closed as no issue or as a breach",
      "The order ticket asks which trader places each order",
      "Tick × lot value 0.0001 USD",
    ];
    for (const text of clean) expect(productTextFindings("t", text), text).toEqual([]);
  });

  it("DISC-8: every message of both catalogues (en, zh-HK) is clean, in every select and plural branch", () => {
    const findings = [english, traditionalChinese].flatMap((catalogue, i) =>
      messageKeys(catalogue).flatMap((key) => productTextFindings(`${i === 0 ? "en" : "zh-HK"}:${key}`, messageWords(String(at(catalogue, key))))),
    );
    expect(findings).toEqual([]);
  });

  it("DISC-8 / SUIT-3: every published disclosure and course version, in every language, is clean", () => {
    const findings = [
      ...RISK_DISCLOSURE_VERSIONS.flatMap((v) => productTextFindings(v.id, disclosureText(v))),
      ...PERPS_COURSE_VERSIONS.flatMap((v) => productTextFindings(v.id, courseText(v))),
    ];
    expect(findings).toEqual([]);
  });

  it("DISC-8: the public parameter documentation and the words for engine enum values are clean", () => {
    const findings = Object.entries(MARKET_PARAMETER_DOCS).flatMap(([path, doc]) => productTextFindings(path, `${doc.label}\n${doc.description}`));
    expect(findings).toEqual([]);
    expect(formatParameterValue("EPOCH_MULTIPLE", "enum", "fundingAlignment")).not.toMatch(/_/);
    expect(formatParameterValue("LINEAR_PERPETUAL", "enum", "contractType")).toBe("linear perpetual");
    // The registry lists the rule's leaves too: funding.cap.kind on its own.
    expect(formatParameterValue("MMR_MULTIPLE", "enum", "funding.cap.kind")).not.toMatch(/_/);
    expect(formatParameterValue({ kind: "MMR_MULTIPLE", multiple: "3000000000" }, "enum", "funding.cap")).not.toMatch(/_/);
    expect(formatParameterValue({ kind: "FIXED", rate: "1000000" }, "enum", "funding.cap")).not.toMatch(/FIXED/);
  });

  it("SUIT-9: every question bank's questions, options and explanations are clean", () => {
    const findings = ALL_QUESTION_BANKS.flatMap((bank) =>
      bank.questions.flatMap((q) =>
        productTextFindings(`${bank.bankId}@${bank.version}:${q.id}`, [q.text, ...q.options.map((o) => o.text), q.explanation].join("\n")),
      ),
    );
    expect(findings).toEqual([]);
  });
});

describe("product text (DISC-8): what the client is told about controls is true of the product", () => {
  const now = new Date();
  const disclosure = currentVersion(RISK_DISCLOSURE_VERSIONS, now)!;
  const course = currentCourse(PERPS_COURSE_VERSIONS, now)!;
  const current = [disclosureText(disclosure), courseText(course)];
  const explanations = [CURRENT_RISK_QUIZ_BANK, CURRENT_COURSE_QUIZ_BANK].flatMap((b) =>
    b.questions.flatMap((q) => [q.explanation, ...q.options.map((o) => o.text)]),
  );

  it("DISC-8: no current text claims a Responsible Officer oversees the AFMM or reviews its trades (not built yet); both say it is not in place", () => {
    for (const text of [...current, ...explanations]) {
      expect(text).not.toMatch(/Responsible Officer oversees\b|reviewed by a responsible officer|its trad(es|ing) (is|are) reviewed/i);
    }
    // The check would catch what version 1 said.
    expect(disclosureText(RISK_DISCLOSURE_VERSIONS[0])).toMatch(/Responsible Officer oversees\b/);
    for (const text of current) expect(text).toMatch(/does not yet have a Responsible Officer overseeing the AFMM's conflicts/);
    expect(disclosureText(disclosure)).toMatch(/平台目前尚未有負責人員監督 AFMM 的利益衝突/);
  });

  it("DISC-8: no current text promises an AFMM flag in the client's own fills, an AFMM arrangements page or the insurance fund's whole ledger (none exists)", () => {
    for (const text of [...current, ...explanations]) {
      expect(text).not.toMatch(/in your own fills|arrangements page/i);
      // The insurance fund page shows the balance and the latest ledger lines, not the whole history.
      expect(text).not.toMatch(/every ledger line|every inflow and outflow/i);
    }
  });

  it("DISC-8: the current disclosure is published in English and Traditional Chinese, and its hash covers both", () => {
    expect(disclosure.translations?.["zh-HK"]).toBeDefined();
    const text = disclosureText(disclosure);
    expect(text).toContain("Language: en");
    expect(text).toContain("Language: zh-HK");
    expect(text).toContain(disclosure.translations!["zh-HK"]!.title);
  });
});
