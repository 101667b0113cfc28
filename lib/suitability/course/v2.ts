import type { CourseModule, PerpsCourseVersion } from "./documents";
import { PERPS_COURSE_V1 } from "./v1";

/**
 * Version 2 of the perps course (SUIT-3). Version 1's text, except the link to the insurance fund page
 * (which shows the latest ledger lines, not every one) and the module on the affiliated market maker: version 1 said a designated Responsible Officer oversees its conflicts and that its trades are
 * reviewed for trading ahead of client or liquidation flow, and neither is in place yet. Its end quiz
 * draws from the course's own bank (quiz-banks/perps-course-v1.ts), not from the risk quiz's.
 */
const afmm: CourseModule = {
  id: "afmm-conflicts",
  topic: "afmm_conflicts",
  heading: "The affiliated market maker and its conflicts of interest",
  paragraphs: [
    "The affiliated market maker (AFMM) is a company in the same group as the platform operator, approved to quote and trade on this venue as a market maker. It adds liquidity, and it may be on the other side of your trades, including the trades that close your position in a liquidation. Its interest in those trades is opposite to yours, and its link to the operator creates conflicts of interest that the platform must manage and disclose.",
    "The AFMM trades under its own account, only through the same order interface as other participants, and pays the same published fees. It must not receive non-public client or order information, such as client identities, the liquidation queue or ADL rankings, because with it an affiliate could trade ahead of client or liquidation flow.",
    "Every trade with the AFMM as a party is flagged on the public trade tape, so you can see how much of the market is traded with the affiliate. The platform does not yet have a Responsible Officer overseeing the AFMM's conflicts, a review of its trades, or a published register of its conflicts; they are planned, and the risk disclosure says so too.",
  ],
  seeAlso: [
    { href: "/disclosures/trades", label: "Public trade tape, with AFMM trades flagged" },
    { href: "/disclosures/parameters", label: "Fee schedule and other parameters per market" },
  ],
};

export const PERPS_COURSE_V2: PerpsCourseVersion = {
  ...PERPS_COURSE_V1,
  id: "perps-course-2026-12-v2",
  effectiveFrom: "2026-12-06T00:00:00+08:00",
  introduction: [
    PERPS_COURSE_V1.introduction[0],
    "Completing the course and passing its end quiz counts as training in the nature and risks of derivatives for the derivative-knowledge assessment. The end quiz has its own questions, different from the perps risk quiz, and each attempt draws them at random and shuffles the answers. Your record keeps the version of the course you completed, so a later version of the course does not change an assessment already made.",
    PERPS_COURSE_V1.introduction[2],
  ],
  modules: PERPS_COURSE_V1.modules.map((m) => {
    if (m.id === afmm.id) return afmm;
    // Version 1 promised "every ledger line"; the page shows the balance and the latest lines.
    if (m.id === "insurance-fund")
      return {
        ...m,
        seeAlso: m.seeAlso.map((link) =>
          link.href === "/disclosures/insurance-fund" ? { ...link, label: "Insurance fund balances, floors and latest ledger lines" } : link,
        ),
      };
    return m;
  }),
};
