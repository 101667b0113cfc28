import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CORPORATE_PI_NOTICE_VERSIONS,
  currentNoticeVersion,
  noticeCanonicalText,
  noticeText,
  noticeVersionProblems,
  type CorporatePiNoticeVersion,
} from "./index";
import { noticeContentHash } from "./hash";
import { CORPORATE_PI_NOTICE_V1 } from "./v1";

const v = (id: string, effectiveFrom: string): CorporatePiNoticeVersion => ({ ...CORPORATE_PI_NOTICE_V1, id, effectiveFrom });

describe("corporate professional-investor notice (Code 15.3B)", () => {
  it("PI-7: v1 explains the assessment, the consequences, the right to withdraw and the consent, in English and Traditional Chinese", () => {
    expect(noticeVersionProblems(CORPORATE_PI_NOTICE_VERSIONS)).toEqual([]);
    const ids = ["assessment", "consequences", "right-to-withdraw", "consent"];
    expect(CORPORATE_PI_NOTICE_V1.sections.map((s) => s.id)).toEqual(ids);
    expect(CORPORATE_PI_NOTICE_V1.zhHK.sections.map((s) => s.id)).toEqual(ids);
    const withdraw = noticeText(CORPORATE_PI_NOTICE_V1, "en").sections.find((s) => s.id === "right-to-withdraw")!;
    expect(withdraw.paragraphs.join(" ")).toMatch(/at any time/);
    expect(
      noticeText(CORPORATE_PI_NOTICE_V1, "zh-HK")
        .sections.find((s) => s.id === "right-to-withdraw")!
        .paragraphs.join(""),
    ).toMatch(/隨時/);
  });

  it("PI-7: the hash is SHA-256 of the canonical text of both languages and changes with any visible change in either", () => {
    const text = noticeCanonicalText(CORPORATE_PI_NOTICE_V1);
    expect(noticeContentHash(CORPORATE_PI_NOTICE_V1)).toBe(createHash("sha256").update(text).digest("hex"));
    expect(text).toContain("Language: en");
    expect(text).toContain("Language: zh-HK");
    expect(text).toContain(CORPORATE_PI_NOTICE_V1.zhHK.title);
    const englishEdit = { ...CORPORATE_PI_NOTICE_V1, title: `${CORPORATE_PI_NOTICE_V1.title}.` };
    const chineseEdit = {
      ...CORPORATE_PI_NOTICE_V1,
      zhHK: {
        ...CORPORATE_PI_NOTICE_V1.zhHK,
        sections: CORPORATE_PI_NOTICE_V1.zhHK.sections.map((s, i) => (i === 2 ? { ...s, paragraphs: [...s.paragraphs.slice(0, 1), "撤回"] } : s)),
      },
    };
    expect(noticeContentHash(englishEdit)).not.toBe(noticeContentHash(CORPORATE_PI_NOTICE_V1));
    expect(noticeContentHash(chineseEdit)).not.toBe(noticeContentHash(CORPORATE_PI_NOTICE_V1));
  });

  it("PI-7: the current version is the latest in effect; none before the first", () => {
    const versions = [v("a", "2026-01-01T00:00:00+08:00"), v("b", "2026-03-01T00:00:00+08:00")];
    expect(currentNoticeVersion(versions, new Date("2025-12-31T15:59:59Z"))).toBeNull();
    expect(currentNoticeVersion(versions, new Date("2025-12-31T16:00:00Z"))?.id).toBe("a");
    expect(currentNoticeVersion(versions, new Date("2026-03-01T00:00:00Z"))?.id).toBe("b");
  });

  it("PI-7: a version whose languages disagree, lacks the right to withdraw, or repeats an id is invalid", () => {
    const mismatched: CorporatePiNoticeVersion = {
      ...v("x", "2026-01-01T00:00:00Z"),
      zhHK: { ...CORPORATE_PI_NOTICE_V1.zhHK, sections: CORPORATE_PI_NOTICE_V1.zhHK.sections.slice(1) },
    };
    expect(noticeVersionProblems([mismatched]).join(" ")).toMatch(/differ from the English/);
    const noWithdrawal: CorporatePiNoticeVersion = {
      ...v("y", "2026-01-01T00:00:00Z"),
      sections: CORPORATE_PI_NOTICE_V1.sections.filter((s) => s.id !== "right-to-withdraw"),
      zhHK: { ...CORPORATE_PI_NOTICE_V1.zhHK, sections: CORPORATE_PI_NOTICE_V1.zhHK.sections.filter((s) => s.id !== "right-to-withdraw") },
    };
    expect(noticeVersionProblems([noWithdrawal])).toEqual(["y: the notice must state the right to withdraw"]);
    expect(noticeVersionProblems([v("z", "2026-01-01T00:00:00Z"), v("z", "2026-02-01T00:00:00Z")])).toEqual(["duplicate version id z"]);
  });
});
