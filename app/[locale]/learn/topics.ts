/** The guides of the education hub: each address segment with the message key of its words. */
export const TOPICS = [
  { slug: "liquidation", key: "liquidation" },
  { slug: "funding", key: "funding" },
  { slug: "margin-tiers", key: "marginTiers" },
  { slug: "adl", key: "adl" },
] as const;

export type Topic = (typeof TOPICS)[number];
