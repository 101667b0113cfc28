import { DEFAULT_ENGINE_CONFIG, type LiquidationCloseOut } from "../../engine/index";
import { liquidationRuleSummary } from "../../liquidation-rule";
import type { CourseModule, PerpsCourseVersion } from "./documents";
import { PERPS_COURSE_V2 } from "./v2";

/**
 * Version 3 of the perps course (SUIT-3, LIQ-1). Version 2's text, except the paragraph of the
 * liquidation module that says how far a liquidation goes: versions 1 and 2 taught that it stops as
 * soon as the account is healthy again, and the markets now close a position in default in full. The
 * paragraph is written per rule from the same configuration field the risk disclosure's version 3 and
 * the methodology page read (`liquidation.closeOut`), so the course says what the engine does.
 */

/** Index of the paragraph in the liquidation module that describes the close-out (the same in v1 and v2). */
const CLOSE_OUT_PARAGRAPH = 3;

const CLOSE_OUT: Record<LiquidationCloseOut, string> = {
  full: "When your account is liquidated, the engine first cancels all your resting orders. It then closes every position in your account, in every market, in full: on the order book first, in steps no larger than a set notional and at prices no worse than the bankruptcy price, then through backstop liquidity providers compensated by the insurance fund, and auto-deleveraging last. The liquidation does not stop when your account is back above its maintenance margin, so no position remains open. A liquidation fee on the notional closed on the book is paid into the market's insurance fund, never more than the equity you have left. If your equity falls below a set fraction of your maintenance margin, or the book cannot take the rest, backstop liquidity providers take over the position at the bankruptcy price; if an earlier step has already brought your account back above its maintenance margin, they or auto-deleveraging take what is left at the mark price instead, so you keep the equity you still have.",
  partial:
    "When your account is liquidated, the engine first cancels all your resting orders. It then closes positions on the order book, in steps no larger than a set notional and at prices no worse than the bankruptcy price, and stops as soon as your account is back above its maintenance margin, so a liquidation can be partial and part of a position can remain open. A liquidation fee on the notional closed on the book is paid into the market's insurance fund, never more than the equity you have left. If your equity falls below a set fraction of your maintenance margin, or the book cannot take the rest, backstop liquidity providers take over the position at the bankruptcy price.",
};

/** Version 3 as written for a liquidation rule; the published version is the one for the launched configuration. */
export function perpsCourseV3For(rule: LiquidationCloseOut): PerpsCourseVersion {
  const withRule = (m: CourseModule): CourseModule =>
    m.id === "liquidation" ? { ...m, paragraphs: m.paragraphs.map((p, i) => (i === CLOSE_OUT_PARAGRAPH ? CLOSE_OUT[rule] : p)) } : m;
  return {
    ...PERPS_COURSE_V2,
    id: "perps-course-2026-12-v3",
    effectiveFrom: "2026-12-07T00:00:00+08:00",
    modules: PERPS_COURSE_V2.modules.map(withRule),
  };
}

/** The rule every launched market runs; a configuration that mixes rules needs its own wording. */
function launchedRule(): LiquidationCloseOut {
  const summary = liquidationRuleSummary(DEFAULT_ENGINE_CONFIG.markets);
  if (summary === "mixed") throw new Error("perps course v3 teaches one liquidation rule, but the launched markets mix full and partial close-out");
  return summary;
}

export const PERPS_COURSE_V3: PerpsCourseVersion = perpsCourseV3For(launchedRule());
