import { describe, expect, it } from "vitest";
import { ageingBand, REVIEW_POLICY, reviewDueAtMs, sampledForReview, slaStatus, type ReviewPolicy } from "./review-policy";

const HOUR = 3_600_000;
const OPENED = Date.UTC(2026, 11, 1);
const at = (hours: number) => OPENED + hours * HOUR;

describe("AFMM-8: review policy", () => {
  it("AFMM-8: sampling is a pure function of the trade's journal seq: the same seqs are drawn every time", () => {
    const draw = () => Array.from({ length: 50_000 }, (_, i) => i + 1).filter((seq) => sampledForReview(seq));
    const first = draw();
    expect(draw()).toEqual(first);
    // About samplePerMille per thousand (20 ‰ of 50,000 = 1,000), within a few percent.
    expect(first.length).toBeGreaterThan(900);
    expect(first.length).toBeLessThan(1_100);
  });

  it("AFMM-8: the rate bounds hold (0 ‰ draws nothing, 1,000 ‰ everything) and the salt changes which trades", () => {
    const none: ReviewPolicy = { ...REVIEW_POLICY, samplePerMille: 0 };
    const all: ReviewPolicy = { ...REVIEW_POLICY, samplePerMille: 1000 };
    const other: ReviewPolicy = { ...REVIEW_POLICY, sampleSalt: 7 };
    const seqs = Array.from({ length: 5_000 }, (_, i) => i + 1);
    expect(seqs.some((seq) => sampledForReview(seq, none))).toBe(false);
    expect(seqs.every((seq) => sampledForReview(seq, all))).toBe(true);
    expect(seqs.filter((seq) => sampledForReview(seq, other))).not.toEqual(seqs.filter((seq) => sampledForReview(seq)));
  });

  it("AFMM-8: seqs beyond 2^32 are drawn by both halves (no wrap-around repeats)", () => {
    const low = Array.from({ length: 20_000 }, (_, i) => i + 1).map((seq) => sampledForReview(seq));
    const high = Array.from({ length: 20_000 }, (_, i) => 2 ** 32 + i + 1).map((seq) => sampledForReview(seq));
    expect(high).not.toEqual(low);
  });

  it("AFMM-8: SLA by severity: high 24 h, medium 72 h, low 5 days, a sampled trade 7 days", () => {
    expect(reviewDueAtMs(OPENED, "alert", "high")).toBe(at(24));
    expect(reviewDueAtMs(OPENED, "alert", "medium")).toBe(at(72));
    expect(reviewDueAtMs(OPENED, "alert", "low")).toBe(at(120));
    expect(reviewDueAtMs(OPENED, "sample", null)).toBe(at(168));
  });

  it("AFMM-8: SLA standing: within, due soon (6 h before), overdue; closed items met or missed", () => {
    const due = at(24);
    expect(slaStatus(due, at(1), null)).toBe("within");
    expect(slaStatus(due, at(18), null)).toBe("dueSoon");
    expect(slaStatus(due, at(24), null)).toBe("dueSoon");
    expect(slaStatus(due, at(24.001), null)).toBe("overdue");
    expect(slaStatus(due, at(100), at(23))).toBe("met");
    expect(slaStatus(due, at(100), at(25))).toBe("missed");
  });

  it("AFMM-8: ageing bands: under a day, 1–3 days, 3–7 days, over 7 days; a closed item's age stops at its close", () => {
    expect(ageingBand(OPENED, at(23.9), null)).toBe("under1d");
    expect(ageingBand(OPENED, at(24), null)).toBe("d1to3");
    expect(ageingBand(OPENED, at(72), null)).toBe("d3to7");
    expect(ageingBand(OPENED, at(168), null)).toBe("over7d");
    expect(ageingBand(OPENED, at(500), at(2))).toBe("under1d");
  });
});
