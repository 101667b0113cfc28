import type { PerpsCourseVersion } from "./documents";

/**
 * Version 1 of the perps course (SUIT-3). One module per end-quiz topic, in the order of QUIZ_TOPICS.
 * The mechanics are the engine's (lib/engine/README.md: formulas F1–F20, the liquidation waterfall and
 * its ADR); every rate, threshold, interval and amount is left to the live figures the course page
 * shows beside each module and to the linked public pages.
 */
export const PERPS_COURSE_V1: PerpsCourseVersion = {
  id: "perps-course-2026-11-v1",
  title: "Perpetual contracts on this platform: how they work and what can go wrong",
  effectiveFrom: "2026-11-01T00:00:00+08:00",
  language: "en",
  introduction: [
    "This course explains how perpetual contracts work on this platform, in six modules: funding, leverage and margin, liquidation, the insurance fund, auto-deleveraging (ADL) and the conflicts of interest of the affiliated market maker. Under each module's text are the figures the exchange engine runs with right now, read from its configuration. Those figures can change while a market runs, so the text names the parameters and never their values.",
    "Completing the course and passing its end quiz counts as training in the nature and risks of derivatives for the derivative-knowledge assessment. Your record keeps the version of the course you completed, so a later version of the course does not change an assessment already made.",
    "This venue is currently a simulation: the market, the prices, the other traders and your account are simulated, and no real money or assets move. The mechanics below are the ones the venue runs.",
  ],
  modules: [
    {
      id: "funding",
      topic: "funding",
      heading: "Funding payments",
      paragraphs: [
        "A perpetual contract never expires, so no settlement date pulls its price back to the spot price of the asset. Funding does that instead. At the end of every funding interval, the holders of long positions and the holders of short positions pay each other: when the funding rate is positive, longs pay shorts; when it is negative, shorts pay longs. The platform keeps none of it. What the paying side pays is shared out among the receiving side in proportion to their positions, so the payments net to exactly zero.",
        "Your payment is the notional value of your position, its size times the mark price, multiplied by the funding rate. It does not depend on how much margin you posted, so with high leverage a funding payment is large compared with your margin. Funding is settled in your US dollar cash, and it can reduce your equity towards liquidation even when the price does not move. Only positions open at the end of an interval pay or receive funding for it.",
        "The rate comes from the order book. Through the interval the engine samples the premium: how far the prices at which an order of a standard size would fill (the impact bid and the impact ask) sit above or below the index price. The rate is that premium averaged over the interval, moved towards an interest rate by no more than a clamp band, and then held within a cap. Until the interval ends the predicted rate can still change; each market's page shows the predicted rate, the time of the next settlement and every past settlement.",
      ],
      seeAlso: [
        { href: "/disclosures/markets", label: "Live and past funding rates per market" },
        { href: "/disclosures/parameters", label: "Funding parameters and their change history" },
      ],
    },
    {
      id: "leverage",
      topic: "leverage",
      heading: "Leverage, margin tiers and cross margin",
      paragraphs: [
        "A position's notional value is its size times the mark price. To open or increase a position you post initial margin: the notional divided by the maximum leverage of the position's margin tier. Leverage does not change your profit or loss for a given price move; it changes how much margin stands behind the position. With higher leverage, a smaller move against you uses up your margin.",
        "Margin is tiered by notional. The whole notional of a position falls into one tier, and larger positions fall into tiers with a lower maximum leverage and a higher maintenance margin rate, because a large position takes longer to close in a liquidation. Each market also has a position limit, the upper end of its last tier.",
        "Your account uses cross margin. Your collateral at its value after haircut, your US dollar cash and the unrealised profit and loss of every position at the mark price add up to one equity, and that equity backs all your positions together. A loss in one market reduces the margin behind all the others and can bring them into liquidation too. A haircut change or the suspension of a collateral asset reduces your equity in the same way, without any move in the contract price.",
        "Before an order is accepted, the engine checks that your equity on settled collateral, after the order's fee and any immediate loss against the mark price, covers the initial margin of all your positions and open orders, counting the order as filled. Deposits still pending never count as margin. Your account can also carry limits set at onboarding.",
      ],
      seeAlso: [
        { href: "/disclosures/methodology", label: "Margin tiers per market, with a worked example" },
        { href: "/disclosures/methodology/collateral", label: "Eligible collateral and haircuts" },
      ],
    },
    {
      id: "liquidation",
      topic: "liquidation",
      heading: "Liquidation",
      paragraphs: [
        "Your account is liquidated when its equity falls below its maintenance margin. For each position the maintenance margin is its notional times its tier's maintenance margin rate, less the tier's maintenance amount, which stops the requirement jumping at a tier boundary; your account's maintenance margin is the sum over your positions. Maintenance margin is lower than initial margin, so there is a buffer between opening a position and losing it, and the higher your leverage, the thinner that buffer.",
        "The test uses the mark price, not the last traded price. The mark price is the middle one of three figures: the index price adjusted by the funding rate for the time left in the interval, the index price plus a moving average of the gap between the order book's mid price and the index, and the last traded price. The index is built from several external spot venues, so one trade on this platform cannot trigger a liquidation on its own. The engine checks accounts every time the mark price updates. If too few index sources are valid, the index is held, and marks and liquidations pause until it recovers; by then the price may have moved a long way.",
        "For each position you see two prices. The liquidation price is the mark price at which your account would fall below its maintenance margin; the bankruptcy price is the mark price at which your equity would reach zero. Both hold your other markets at their current marks, so both move when any of your positions' marks move.",
        "When your account is liquidated, the engine first cancels all your resting orders. It then closes positions on the order book, in steps no larger than a set notional and at prices no worse than the bankruptcy price, and stops as soon as your account is healthy again, so a liquidation can be partial. A liquidation fee on the notional closed on the book is paid into the market's insurance fund, never more than the equity you have left. If your equity falls below a set fraction of your maintenance margin, or the book cannot take the rest, backstop liquidity providers take over the position at the bankruptcy price.",
        "You can lose all the collateral in your account, but no more: positions are closed no worse than the bankruptcy price, and you never owe the platform money after a liquidation. If an account is left with no positions and negative US dollar cash, its other collateral is converted into dollars at its value after haircut, only as much as covers the deficit.",
      ],
      seeAlso: [
        { href: "/disclosures/methodology", label: "Liquidation methodology, fees and the default waterfall" },
        { href: "/disclosures/markets", label: "Index and mark prices with their inputs" },
        { href: "/portal/positions", label: "Your positions, with liquidation and bankruptcy prices" },
      ],
    },
    {
      id: "insurance-fund",
      topic: "insurance_fund",
      heading: "The insurance fund",
      paragraphs: [
        "Each market has its own insurance fund, a separate ledger in US dollars. Money comes in from liquidation fees and from deposits by the platform. It goes out to compensate backstop liquidity providers, to compensate positions closed by auto-deleveraging, and to cover negative equity an account is left with once all its positions are closed and its other collateral is used up. It never refunds the liquidated client's losses, and it is not paid from funding.",
        "The fund exists because a liquidation can come too late. When the mark price has already moved past a position's bankruptcy price, whoever takes the position over at the bankruptcy price starts with a loss. Backstop liquidity providers take the position itself; the fund pays them the difference between the bankruptcy price and the mark price, so the transfer costs them nothing. Backstop providers therefore take only as much as the fund can compensate.",
        "Each fund has a floor. It pays compensation only from the amount above its floor. Once it is down to its floor it stops compensating, and the losses it would have absorbed go to auto-deleveraging. The one payment it still makes at its floor is to cover an account left with negative equity and no positions, and the fund never goes below zero.",
      ],
      seeAlso: [
        { href: "/disclosures/insurance-fund", label: "Insurance fund balances, floors and every ledger line" },
        { href: "/disclosures/methodology", label: "The default waterfall with its live figures" },
      ],
    },
    {
      id: "adl",
      topic: "adl",
      heading: "Auto-deleveraging (ADL)",
      paragraphs: [
        "Auto-deleveraging is the last step of the default waterfall, which runs in a fixed order: the order book, the backstop liquidity providers, the insurance fund, then ADL. It is reached only when a liquidated position cannot be absorbed by the steps before it, because the backstop providers have no capacity left or the insurance fund cannot compensate them.",
        "Then profitable positions on the opposite side are closed, in part or in full, against the liquidated position at its bankruptcy price, without your consent and regardless of your orders. Only positions showing an unrealised profit can be chosen. They are ranked by profit percentage times effective leverage, highest first, so the most profitable and most leveraged positions go first. A position is closed only as far as its account's equity stays at or above zero.",
        "While the insurance fund is above its floor, it tops a deleveraged position up from the bankruptcy price to the mark price, so you give up no profit measured at the mark. Once the fund is at its floor, it does not: the profit between the mark price and the bankruptcy price is lost.",
        "Each of your positions shows ADL lights: the more lights, the nearer the front of its side's queue. They are recomputed from current positions, so they change as prices and other traders' positions move. For each market the platform also publishes the distance to ADL, the smallest price move either way at which ADL would be needed, and a risk level of low, elevated or high, set by comparing the fund with the shortfall after a stress move, and the distance with thresholds.",
      ],
      seeAlso: [
        { href: "/disclosures/adl", label: "ADL likelihood per market, its curve and risk level" },
        { href: "/disclosures/insurance-fund", label: "Insurance fund balances and floors" },
      ],
    },
    {
      id: "afmm-conflicts",
      topic: "afmm_conflicts",
      heading: "The affiliated market maker and its conflicts of interest",
      paragraphs: [
        "The affiliated market maker (AFMM) is a company in the same group as the platform operator, approved to quote and trade on this venue as a market maker. It adds liquidity, and it may be on the other side of your trades, including the trades that close your position in a liquidation. Its interest in those trades is opposite to yours, and its link to the operator creates conflicts of interest that the platform must manage and disclose.",
        "The AFMM must be functionally independent of the platform. It trades under its own account, only through the same interfaces as other participants. Information barriers stop it from receiving non-public client or order information, such as client identities, the liquidation queue or ADL rankings. At least one designated Responsible Officer oversees its conflicts, and its trades are reviewed for trading ahead of client or liquidation flow.",
        "Every trade with the AFMM as a party is flagged on the public trade tape, so you can see how much of the market is traded with the affiliate. Any preferential treatment it receives, such as fee rebates or higher rate limits, must be disclosed to you together with its risks.",
      ],
      seeAlso: [
        { href: "/disclosures/trades", label: "Public trade tape, with AFMM trades flagged" },
        { href: "/disclosures/parameters", label: "Fee schedule and other parameters per market" },
      ],
    },
  ],
};
