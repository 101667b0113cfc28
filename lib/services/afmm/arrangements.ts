import type { EngineConfig } from "@/lib/engine/index";
import { formatDurationMs, formatInteger, formatLots, formatPpbPercentExact, formatUtc, valueText } from "@/lib/format";
import { SURVEILLANCE_RULES, type SurveillanceRule } from "@/lib/surveillance/types";
import type { AfmmTerms } from "./terms";

/**
 * The public "AFMM arrangements" disclosure (AFMM-6) as a list of lines, each a message key of the
 * `disclosures.afmmArrangements.lines` catalogue with its figures and the configuration or register
 * paths it renders. Pure: the page, the JSON answer and the config-to-disclosure test all read this one
 * list, so a term in the configuration that no line renders fails the test instead of going unsaid.
 *
 * Paths: `afmm.*` into the engine configuration's AFMM terms, `markets[i].*` into the engine
 * configuration, `surveillance.*` into the surveillance configuration, `registry.*`, `oversight.*` and
 * `engine.*` into the registers and the engine's state.
 */

export const ARRANGEMENT_SECTIONS = ["who", "status", "obligations", "preferential", "marking", "oversight", "surveillance", "risks"] as const;
export type ArrangementSection = (typeof ARRANGEMENT_SECTIONS)[number];

export interface ArrangementLine {
  section: ArrangementSection;
  /** Key under `disclosures.afmmArrangements.lines`. */
  key: string;
  /** Figures for the message, already formatted (language-neutral). */
  values: Record<string, string>;
  /** The configuration / register paths this line renders. */
  paths: string[];
}

export interface AffiliateEntry {
  legalName: string;
  relationship: string;
  agreementRef: string;
  agreementDateMs: number;
}

export interface ArrangementsInput {
  config: EngineConfig;
  terms: AfmmTerms;
  /** The surveillance configuration in force (every leaf is a disclosed parameter). */
  surveillance: object;
  /** Approved affiliates whose relationship has not ended. */
  affiliates: AffiliateEntry[];
  /** The engine's AFMM order-entry state; null where this process cannot see it. */
  orderEntry: { suspended: boolean; reason: string | null; sinceMs: number | null } | null;
  /** The designated oversight officer's capacity (never the name), null when none is designated. */
  designation: { capacity: string; sinceMs: number } | null;
  /** The SFC notification in force, null when none is on file. */
  sfcNotification: { notifiedOnMs: number; thirdPartyReportRef: string } | null;
}

const KNOWN_REASONS = new Set(["no_designated_officer", "no_sfc_notification", "gates_met", "no_approved_affiliate"]);

/** Every leaf path of `value` under `prefix` (an empty array or object is a leaf: it says "none"). */
export function leafPaths(value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [prefix] : value.flatMap((item, i) => leafPaths(item, `${prefix}[${i}]`));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0 ? [prefix] : entries.flatMap(([key, item]) => leafPaths(item, `${prefix}.${key}`));
  }
  return [prefix];
}

function leafValue(root: unknown, path: string): unknown {
  let cursor: unknown = root;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    cursor = cursor === null || typeof cursor !== "object" ? undefined : (cursor as Record<string, unknown>)[part];
  }
  return cursor;
}

const squash = (text: string) => text.replace(/[_-]/g, "").toLowerCase();

/** The surveillance rule a configuration path belongs to (a segment naming the rule, in snake or camel case). */
function ruleOf(path: string): SurveillanceRule | null {
  for (const segment of path.split(/\.|\[/)) {
    const rule = SURVEILLANCE_RULES.find((candidate) => squash(candidate) === squash(segment));
    if (rule) return rule;
  }
  return null;
}

/** A setting's name within its rule: the path after the segment naming the rule ("windowMs", "thresholds.bps"). */
function settingName(path: string, rule: SurveillanceRule): string {
  const segments = path.split(".");
  const at = segments.findIndex((segment) => squash(segment.replace(/\[\d+\]$/, "")) === squash(rule));
  const rest = segments.slice(at + 1).join(".");
  return rest || segments[segments.length - 1];
}

/** A setting's value with the unit its name gives (…Ms a duration, …Bps basis points, …Pct percent, …Lots lots). */
function settingText(name: string, value: unknown): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) {
    const leaf = name.split(".").pop() ?? name;
    if (leaf.endsWith("Ms")) return formatDurationMs(value);
    if (leaf.endsWith("Bps")) return `${formatInteger(value)} bps`;
    if (leaf.endsWith("Pct")) return `${value}%`;
    if (name.includes("Lots")) return `${formatInteger(value)} lots`;
    return formatInteger(value);
  }
  if (typeof value === "bigint") return formatInteger(value);
  if (Array.isArray(value) && value.length === 0) return "—";
  return valueText(value);
}

export function afmmArrangements(input: ArrangementsInput): ArrangementLine[] {
  const lines: ArrangementLine[] = [];
  const add = (section: ArrangementSection, key: string, paths: string[], values: Record<string, string> = {}) => lines.push({ section, key, values, paths });
  const { config, terms } = input;
  const marketIndex = (symbol: string) => config.markets.findIndex((market) => market.symbol === symbol);

  // Who the AFMM is.
  if (input.affiliates.length === 0) add("who", "who.none", ["registry.affiliates"]);
  input.affiliates.forEach((affiliate, i) =>
    add(
      "who",
      "who.affiliate",
      ["legalName", "relationship", "agreementRef", "agreementDate"].map((field) => `registry.affiliates[${i}].${field}`),
      {
        legalName: affiliate.legalName,
        relationship: affiliate.relationship,
        agreementRef: affiliate.agreementRef,
        agreementDate: formatUtc(affiliate.agreementDateMs).slice(0, 10),
      },
    ),
  );

  // Its order entry now.
  const entry = input.orderEntry;
  const entryPaths = ["engine.afmmOrderEntry.suspended", "engine.afmmOrderEntry.sinceMs"];
  if (!entry) add("status", "status.unknown", entryPaths);
  else {
    const since = entry.sinceMs === null ? null : formatUtc(entry.sinceMs);
    add("status", entry.suspended ? "status.suspended" : since ? "status.enabledSince" : "status.enabled", entryPaths, since ? { since } : {});
    if (entry.suspended && entry.reason !== null)
      add("status", KNOWN_REASONS.has(entry.reason) ? `status.reasons.${entry.reason}` : "status.reasons.other", ["engine.afmmOrderEntry.reason"]);
  }

  // What it must quote.
  if (terms.quoteObligations.length === 0) add("obligations", "obligations.none", ["afmm.quoteObligations"]);
  terms.quoteObligations.forEach((obligation, i) => {
    const spec = config.markets[marketIndex(obligation.market)];
    const base = `afmm.quoteObligations[${i}]`;
    add("obligations", "obligations.market", [`${base}.market`, `${base}.maxSpreadBps`, `${base}.minSizeLots`, `${base}.minTimeOnBookPct`], {
      market: obligation.market,
      maxSpreadBps: formatInteger(obligation.maxSpreadBps),
      minSizeLots: formatInteger(obligation.minSizeLots),
      minSize: spec ? `${formatLots(obligation.minSizeLots, spec.lotSize)} ${spec.baseAsset}` : "—",
      minTimeOnBookPct: String(obligation.minTimeOnBookPct),
    });
  });
  config.markets.forEach((market, j) => {
    if (terms.quoteObligations.length > 0 && !terms.quoteObligations.some((obligation) => obligation.market === market.symbol))
      add("obligations", "obligations.marketWithout", [`markets[${j}].symbol`, "afmm.quoteObligations"], { market: market.symbol });
  });
  add("obligations", "obligations.notGuaranteed", []);

  // Preferential terms, and what is the same as for everyone.
  if (terms.feeOverrides.length === 0) add("preferential", "preferential.feesSame", ["afmm.feeOverrides"]);
  terms.feeOverrides.forEach((override, i) => {
    const j = marketIndex(override.market);
    const spec = config.markets[j];
    const base = `afmm.feeOverrides[${i}]`;
    add(
      "preferential",
      "preferential.feeOverride",
      [
        `${base}.market`,
        `${base}.makerFeeRate`,
        `${base}.takerFeeRate`,
        ...(spec ? [`markets[${j}].fees.makerFeeRate`, `markets[${j}].fees.takerFeeRate`] : []),
      ],
      {
        market: override.market,
        makerFee: formatPpbPercentExact(override.makerFeeRate),
        takerFee: formatPpbPercentExact(override.takerFeeRate),
        standardMakerFee: spec ? formatPpbPercentExact(spec.fees.makerFeeRate) : "—",
        standardTakerFee: spec ? formatPpbPercentExact(spec.fees.takerFeeRate) : "—",
      },
    );
    add("preferential", "preferential.feeOverrideRisk", [`${base}.market`], { market: override.market });
  });
  add("preferential", "preferential.orderTypes", []);
  add("preferential", "preferential.marketData", []);
  add("preferential", "preferential.sequencing", []);
  add("preferential", "preferential.connectivity", []);

  // How its trades are marked.
  add("marking", "marking.tape", []);
  add("marking", "marking.api", []);

  // Oversight.
  const designation = input.designation;
  if (!designation) add("oversight", "oversight.noOfficer", ["oversight.designation"]);
  else
    add(
      "oversight",
      designation.capacity === "MIC" ? "oversight.officerMic" : "oversight.officerRo",
      ["oversight.designation.capacity", "oversight.designation.assignedAt"],
      {
        since: formatUtc(designation.sinceMs).slice(0, 10),
      },
    );
  const sfc = input.sfcNotification;
  if (!sfc) add("oversight", "oversight.sfcNone", ["oversight.sfcNotification"]);
  else
    add("oversight", "oversight.sfc", ["oversight.sfcNotification.notifiedOn", "oversight.sfcNotification.thirdPartyReportRef"], {
      date: formatUtc(sfc.notifiedOnMs).slice(0, 10),
      reportRef: sfc.thirdPartyReportRef,
    });
  add("oversight", "oversight.review", []);

  // Surveillance: one line per rule with its parameters, then any setting no rule names.
  const leaves = leafPaths(input.surveillance, "surveillance");
  const byRule = new Map<SurveillanceRule | null, string[]>();
  for (const path of leaves) {
    const rule = ruleOf(path);
    byRule.set(rule, [...(byRule.get(rule) ?? []), path]);
  }
  for (const rule of SURVEILLANCE_RULES) {
    const paths = byRule.get(rule) ?? [];
    const settings = paths.map((path) => {
      const name = settingName(path, rule);
      return `${name}: ${settingText(name, leafValue(input.surveillance, path.slice("surveillance".length)))}`;
    });
    add("surveillance", `surveillance.rules.${rule}`, paths, { settings: settings.length > 0 ? settings.join(" · ") : "—" });
  }
  for (const path of byRule.get(null) ?? [])
    add("surveillance", "surveillance.setting", [path], {
      name: path.slice("surveillance.".length),
      value: settingText(path, leafValue(input.surveillance, path.slice("surveillance".length))),
    });

  // Risks to clients, in plain words.
  for (const risk of ["conflict", "information", "withdrawal", "share"]) add("risks", `risks.${risk}`, []);
  return lines;
}
