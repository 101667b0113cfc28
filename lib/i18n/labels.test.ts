import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { english } from "@/lib/i18n/catalogue";
import { ASSET_CLASSES, INVESTOR_CATEGORIES, TOTAL_ASSETS_DOCUMENT_TYPES, TRADE_INSTRUMENT_TYPES } from "@/lib/suitability/draft-fields";

// The shared labels are keyed by enum values: each value needs its key (or a page would show the raw key),
// and a key with no value behind it is a leftover of a renamed or removed value.
const ENUMS: { group: keyof typeof english.labels; values: readonly string[] }[] = [
  { group: "role", values: ROLES },
  { group: "category", values: INVESTOR_CATEGORIES },
  { group: "assetClass", values: ASSET_CLASSES },
  { group: "documentType", values: TOTAL_ASSETS_DOCUMENT_TYPES },
  { group: "instrumentType", values: TRADE_INSTRUMENT_TYPES },
];

describe("shared labels (labels namespace)", () => {
  it.each(ENUMS)("every $group value has exactly one English label, and every label a value", ({ group, values }) => {
    const labels = english.labels[group] as Record<string, string>;
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) expect(labels[value], `labels.${group}.${value}`).toMatch(/\S/);
  });

  it("covers every group in the namespace", () => {
    expect(ENUMS.map((entry) => entry.group).sort()).toEqual(Object.keys(english.labels).sort());
  });
});
