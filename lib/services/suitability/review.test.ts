import { describe, expect, it } from "vitest";
import { englishText } from "@/lib/i18n/message-ref";
import { allowedDecisions, approvalBarred, approvalOverrides, type ReviewEntry, type ReviewGate } from "@/lib/services/suitability/review";
import type { OnboardingStatus } from "@/lib/services/suitability/internal";

const gate = (piPassed: boolean, quizPassed: boolean, knowledgePassed: boolean): ReviewGate => ({ piPassed, quizPassed, knowledgePassed });
const approval = (officerId: string): ReviewEntry => ({
  id: `r-${officerId}`,
  officerId,
  officerEmail: `${officerId}@example.test`,
  decision: "APPROVE",
  reason: "Work history shows derivatives knowledge.",
  overridesEvaluator: true,
  decidedAt: new Date("2026-11-20T04:00:00Z"),
});

describe("the review decision rule", () => {
  const all = [false, true].flatMap((pi) => [false, true].flatMap((quiz) => [false, true].map((knowledge) => gate(pi, quiz, knowledge))));

  it.each(all)("PI-2 PI-5 SUIT-1: a failed PI test or risk quiz is never approvable, whatever the status or earlier approvals (%o)", (g) => {
    const objectiveFailed = !g.piPassed || !g.quizPassed;
    for (const status of ["SUBMITTED", "PENDING_SECOND_APPROVAL"] as OnboardingStatus[]) {
      // Any number of earlier approvals by other officers changes nothing.
      for (const reviews of [[], [approval("first")], [approval("first"), approval("second"), approval("third")]]) {
        const { allowed, blockedReason } = allowedDecisions(status, true, reviews, "another", g);
        const approves = allowed.includes("APPROVE") || allowed.includes("CONFIRM_OVERRIDE");
        expect(approves, `${status} after ${reviews.length} approvals`).toBe(!objectiveFailed);
        expect(allowed).toContain("REJECT");
        expect(allowed).toContain("REQUEST_INFO");
        if (objectiveFailed) expect(englishText(blockedReason!)).toMatch(g.piPassed ? /risk quiz/ : /statutory professional-investor test/);
      }
    }
    expect(approvalBarred(g)?.code ?? null).toBe(!g.piPassed ? "PI_TEST_FAILED" : !g.quizPassed ? "RISK_QUIZ_FAILED" : null);
  });

  it("PI-2: the refusal says the PI test is a legal test no number of officers can approve", () => {
    const { blockedReason } = allowedDecisions("SUBMITTED", true, [], "o", gate(false, true, true));
    expect(englishText(blockedReason!)).toMatch(/no officer, and no number of officers, can approve/);
  });

  it("SUIT-1: only the knowledge criterion is overridable, and only by a second, different officer", () => {
    const g = gate(true, true, false);
    expect(approvalOverrides(g)).toBe(true);
    expect(approvalOverrides(gate(true, true, true))).toBe(false);
    expect(allowedDecisions("SUBMITTED", true, [], "first", g).allowed).toEqual(["APPROVE", "REJECT", "REQUEST_INFO"]);
    const own = allowedDecisions("PENDING_SECOND_APPROVAL", true, [approval("first")], "first", g);
    expect(own.allowed).toEqual(["REJECT", "REQUEST_INFO"]);
    expect(englishText(own.blockedReason!)).toMatch(/second officer must confirm/);
    expect(allowedDecisions("PENDING_SECOND_APPROVAL", true, [approval("first")], "second", g).allowed).toEqual(["CONFIRM_OVERRIDE", "REJECT", "REQUEST_INFO"]);
  });

  it("a superseded submission or a closed case offers nothing", () => {
    expect(allowedDecisions("SUBMITTED", false, [], "o", gate(true, true, true)).allowed).toEqual([]);
    for (const status of ["DRAFT", "APPROVED", "REJECTED", "INFO_REQUESTED"] as OnboardingStatus[])
      expect(allowedDecisions(status, true, [], "o", gate(true, true, true)).allowed).toEqual([]);
  });
});
