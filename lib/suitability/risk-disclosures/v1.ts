import type { RiskDisclosureVersion } from "./documents";

/**
 * Version 1 of the perpetual-contract risk disclosure (DISC-8). The mechanics described are the
 * engine's (lib/engine/README.md); every rate, threshold and amount is left to the linked public
 * pages, which render the engine's own configuration, so this text stays true when a parameter changes.
 */
export const RISK_DISCLOSURE_V1: RiskDisclosureVersion = {
  id: "rd-2026-11-v1",
  title: "Risks of trading perpetual contracts on this platform",
  effectiveFrom: "2026-11-01T00:00:00+08:00",
  material: true,
  language: "en",
  introduction: [
    "Perpetual contracts are leveraged derivatives on virtual assets, offered only to professional investors. You can lose all the collateral in your account, quickly and without further warning. Read each section below before you trade; the linked pages publish the figures and parameters that apply right now.",
    "This venue is currently a simulation: the market, the prices, the other traders and your account are simulated, and no real money or assets move. The risks below describe how the venue works and would apply to real trading on it.",
  ],
  sections: [
    {
      id: "leverage",
      heading: "Leverage and margin",
      paragraphs: [
        "You post initial margin that is only a fraction of the value of your position, so a small move in the price against you is a large loss relative to your margin. Larger positions fall into higher margin tiers with lower maximum leverage and higher maintenance margin.",
        "Your account uses cross margin: all your positions and all your settled collateral share one equity. A loss on one position reduces the margin available to every other position, and can bring all of them into liquidation together.",
        "Before accepting an order the engine checks that your settled equity, after the fee and any immediate loss against the mark price, covers the initial margin of all your positions and orders. Deposits that are still pending never count as margin.",
      ],
      seeAlso: [
        { href: "/disclosures/methodology", label: "Margin and mark-price methodology, with each market's tiers" },
        { href: "/disclosures/parameters", label: "Current market parameters and their change history" },
      ],
    },
    {
      id: "liquidation",
      heading: "Liquidation",
      paragraphs: [
        "When your equity falls below your maintenance margin, measured at the mark price (not the last traded price), your account is liquidated without asking you: your resting orders are cancelled and positions are closed, on the order book first, then by backstop liquidity providers, at prices no worse than your bankruptcy price. A liquidation fee is charged and paid into the market's insurance fund.",
        "The mark price is derived from an index of external spot prices. If too few index sources are valid, the index is held and marks and liquidations pause; when they resume, the price may have moved a long way and your position can be liquidated at once.",
        "A liquidation closes positions no worse than the bankruptcy price, so you do not owe more than your collateral; but you can lose all of it. Your liquidation and bankruptcy prices are shown on your positions page and change with the mark prices of all your positions.",
      ],
      seeAlso: [
        { href: "/disclosures/methodology", label: "Liquidation waterfall and price methodology" },
        { href: "/portal/positions", label: "Your positions, with liquidation and bankruptcy prices" },
      ],
    },
    {
      id: "funding",
      heading: "Funding payments",
      paragraphs: [
        "A perpetual contract has no expiry. To keep its price close to the index, positions pay or receive funding at the end of every funding interval: when the funding rate is positive, longs pay shorts; when it is negative, shorts pay longs. Funding is paid from your USD cash and can reduce your equity towards liquidation even when the price does not move.",
        "The rate is set by the premium of the order book over the index, within a cap. The predicted rate for the current interval can change until the interval ends.",
      ],
      seeAlso: [
        { href: "/disclosures/methodology", label: "Funding formula, interval and cap per market" },
        { href: "/disclosures/markets", label: "Live funding rates per market" },
      ],
    },
    {
      id: "insurance-fund-adl",
      heading: "Insurance fund and auto-deleveraging (ADL)",
      paragraphs: [
        "Each market has an insurance fund. It compensates backstop liquidity providers and covers losses a liquidation leaves behind. It can run down to its floor in a volatile market.",
        "When the order book, the backstop liquidity providers and the insurance fund cannot absorb a liquidated position, profitable positions on the other side are automatically deleveraged: closed, in part or in full, against the bankrupt position at its bankruptcy price, without your consent and regardless of your orders. The most profitable and most leveraged positions are closed first. While the fund is above its floor it compensates deleveraged positions to the mark price; once it is at its floor, it does not.",
        "Each of your positions shows an ADL indicator of how close it is to the front of that queue, and each market's likelihood of needing ADL is published.",
      ],
      seeAlso: [
        { href: "/disclosures/insurance-fund", label: "Insurance fund balances, floors and ledger" },
        { href: "/disclosures/adl", label: "ADL likelihood per market and ranking methodology" },
      ],
    },
    {
      id: "collateral-depeg",
      heading: "Collateral, stablecoins and depeg",
      paragraphs: [
        "USD is the settlement currency. Other eligible collateral is held in kind and counted as margin at its value after a haircut. The platform may change a haircut, or suspend an asset so that it counts at zero, for example when a stablecoin loses its peg or its issuer's status changes. A change takes effect at once for collateral you already hold and can put your account into a margin call or liquidation without any move in the contract price.",
        "If a liquidation leaves your account flat with negative USD cash, the platform converts your other collateral into USD at its value after haircut, only as much as covers the deficit.",
        "A deposit counts as margin only once it is confirmed, and its eligibility is checked again at that moment.",
      ],
      seeAlso: [{ href: "/disclosures/methodology/collateral", label: "Eligible collateral, haircuts and their status" }],
    },
    {
      id: "afmm-conflicts",
      heading: "The affiliated market maker: conflicts of interest",
      paragraphs: [
        "A market maker in the same group as the platform operator (the affiliated market maker, AFMM) trades on this venue and may be on the other side of your trades, including trades that close your position in a liquidation. Its interests can conflict with yours.",
        "The AFMM is functionally independent of the platform: it trades only through the same interfaces as other participants and receives no non-public client or order information, such as client identities, the liquidation queue or ADL rankings. A designated Responsible Officer oversees its conflicts, and its trading is reviewed for trading ahead of client or liquidation flow. Every trade with the AFMM as a party is marked on the public trade tape.",
      ],
      seeAlso: [{ href: "/disclosures/trades", label: "Public trade tape, with AFMM trades marked" }],
    },
    {
      id: "operational",
      heading: "Operational risk",
      paragraphs: [
        "The platform, its price sources or its connections can fail or be interrupted. While they are, you may be unable to place or cancel orders, deposit or withdraw, and prices, liquidations and funding can still move against you when service resumes.",
        "The platform may change a market's parameters, such as fees, margin tiers or the insurance-fund floor, while the market runs. A change applies to positions you already hold and can trigger a margin call. Every change is published with its reason and the time it took effect.",
        "Keep your credentials and second factor secure: orders placed with them are treated as yours.",
      ],
      seeAlso: [{ href: "/disclosures/parameters", label: "Parameter change history" }],
    },
  ],
};
