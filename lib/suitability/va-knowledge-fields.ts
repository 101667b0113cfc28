// The field names each virtual-asset knowledge form posts (SUIT-7). Plain lists, safe for the browser's
// forms; the schemas are in va-knowledge-forms.ts.
export const VA_SECTIONS = ["training", "workExperience", "trading"] as const;
export type VaSection = (typeof VA_SECTIONS)[number];
export const VA_DECLARATION_FIELDS = VA_SECTIONS;
export const VA_TRAINING_FIELDS = ["provider", "topics", "completionDate"] as const;
export const VA_WORK_FIELDS = ["employer", "role", "years", "vaDuties"] as const;
export const VA_TRADE_FIELDS = ["tradeDate", "asset", "venueOrBroker"] as const;
