import {
  applyMarketParameterChanges,
  canonicalHash,
  canonicalJson,
  COLLATERAL_FIELD_DOCS,
  docPathOf,
  fixedReason,
  flattenParameters,
  MARKET_PARAMETER_DOCS,
  parseCanonical,
  type EngineConfig,
  type EngineEvent,
  type ParamDoc,
} from "@/lib/engine/index";
import type { PrismaClient } from "@/prisma/generated/client";
import { EngineJournal } from "@/lib/simulation/journal";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

/**
 * The parameter registry and change log (DISC-1), rebuilt from the journal: the
 * genesis image's configuration, then every configuration event in seq order
 * (MarketParametersUpdated, CollateralAssetUpdated, CollateralSuspended, CollateralSuspensionLifted).
 * Market changes are re-applied with the engine's own rule (applyMarketParameterChanges), so every
 * leaf they moved, derived values included, gets its previous and next value. Folding the whole log
 * must land on the configuration the engine runs: `journalConfigHash` = `configHash`.
 */

export const CONFIG_EVENT_TYPES = ["MarketParametersUpdated", "CollateralAssetUpdated", "CollateralSuspended", "CollateralSuspensionLifted"] as const;
type ConfigEvent = Extract<EngineEvent, { type: (typeof CONFIG_EVENT_TYPES)[number] }>;

export type ParameterScope = "platform" | "market" | "collateral";

/** One leaf that changed: `null` stands for "absent" (a new asset, a removed tier, no breaker). */
export interface LeafChange {
  path: string;
  previous: unknown;
  next: unknown;
}

export interface ChangeLogEntry {
  /** Journal event seq of the change. */
  seq: number;
  /** Engine time the change took effect (the command's time). */
  effectiveFromMs: number;
  kind: ConfigEvent["type"];
  scope: Exclude<ParameterScope, "platform">;
  /** Market symbol or collateral asset id. */
  subject: string;
  reason: string | null;
  /** What the command asked for (market changes: paths of the configured inputs). */
  requested: LeafChange[];
  /** Every leaf that moved, derived values included. */
  changes: LeafChange[];
}

export interface RegistryRow {
  scope: ParameterScope;
  /** Market symbol, collateral asset id, or "platform". */
  subject: string;
  path: string;
  value: unknown;
  label: string;
  unit: string;
  description: string;
  requirements: string[];
  derived: boolean;
  /** Why the parameter cannot change while the market runs; null when it can. */
  fixed: string | null;
  /** In force since: the last change that moved it, else the engine's genesis. */
  effectiveFromMs: number;
  /** Value before that change (null: none, it is the genesis value). */
  previous: unknown;
  reason: string | null;
  changeSeq: number | null;
}

export interface ParameterRegistry {
  genesisMs: number;
  /** Hash of the configuration in force (the live engine's when given, else the folded journal's). */
  configHash: string;
  /** Hash of the configuration the journal folds to; equals configHash unless the two disagree. */
  journalConfigHash: string;
  config: EngineConfig;
  /** Circuit breakers in force or scheduled per asset, as the journal records them. */
  breakers: Record<string, unknown[]>;
  rows: RegistryRow[];
  /** Oldest first. */
  changeLog: ChangeLogEntry[];
}

const clone = <T>(x: T): T => parseCanonical<T>(canonicalJson(x));
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function diff(before: unknown, after: unknown): LeafChange[] {
  const a = new Map(before === null ? [] : flattenParameters(before));
  const b = new Map(after === null ? [] : flattenParameters(after));
  const out: LeafChange[] = [];
  for (const [path, next] of b) if (!a.has(path) || !same(a.get(path), next)) out.push({ path, previous: a.has(path) ? a.get(path) : null, next });
  for (const [path, previous] of a) if (!b.has(path)) out.push({ path, previous, next: null });
  return out;
}

/** Docs of a path: its own entry, else the nearest documented ancestor ("funding.cap.multiple" → "funding.cap"). */
function docFor(docs: Readonly<Record<string, ParamDoc>>, path: string): ParamDoc | undefined {
  let key = docPathOf(path);
  for (;;) {
    if (docs[key]) return docs[key];
    const cut = Math.max(key.lastIndexOf("."), key.lastIndexOf("["));
    if (cut <= 0) return undefined;
    key = key.slice(0, cut);
  }
}

/** Pure: fold the configuration events onto the genesis configuration. */
export function buildParameterRegistry(
  genesis: { config: EngineConfig; startMs: number },
  events: readonly EngineEvent[],
  live?: EngineConfig,
): ParameterRegistry {
  let markets = clone(genesis.config.markets);
  let collateral: EngineConfig["collateral"] = clone(genesis.config.collateral);
  const breakers: Record<string, unknown[]> = {};
  const changeLog: ChangeLogEntry[] = [];
  const configEvents = events.filter((e): e is ConfigEvent => (CONFIG_EVENT_TYPES as readonly string[]).includes(e.type)).sort((x, y) => x.seq - y.seq);
  for (const event of configEvents) {
    const base = { seq: event.seq, effectiveFromMs: event.nowMs, kind: event.type };
    switch (event.type) {
      case "MarketParametersUpdated": {
        const index = markets.findIndex((m) => m.symbol === event.market);
        if (index < 0) throw new Error(`journal event ${event.seq} changes unknown market ${event.market}`);
        const res = applyMarketParameterChanges(
          markets[index],
          event.changes.map((c) => ({ path: c.path, value: c.next })),
        );
        if (!res.ok) throw new Error(`journal event ${event.seq} does not re-apply to the folded configuration: ${res.message}`);
        const changes = diff(markets[index], res.spec);
        markets = markets.map((m, i) => (i === index ? res.spec : m));
        changeLog.push({ ...base, scope: "market", subject: event.market, reason: event.reason, requested: event.changes.map((c) => ({ ...c })), changes });
        break;
      }
      case "CollateralAssetUpdated": {
        const previous = collateral.find((a) => a.assetId === event.asset.assetId) ?? null;
        // The engine keeps the registry sorted by asset id once it has been updated.
        collateral = [...collateral.filter((a) => a.assetId !== event.asset.assetId), clone(event.asset)].sort((x, y) => (x.assetId < y.assetId ? -1 : 1));
        const changes = diff(previous, event.asset);
        changeLog.push({ ...base, scope: "collateral", subject: event.asset.assetId, reason: null, requested: changes, changes });
        break;
      }
      case "CollateralSuspended": {
        const list = (breakers[event.breaker.assetId] ??= []);
        const previous = list.at(-1) ?? null;
        list.push(clone(event.breaker));
        const changes = [{ path: "circuitBreaker", previous, next: clone(event.breaker) }];
        changeLog.push({ ...base, scope: "collateral", subject: event.breaker.assetId, reason: event.breaker.note ?? null, requested: changes, changes });
        break;
      }
      case "CollateralSuspensionLifted": {
        const previous = breakers[event.assetId]?.at(-1) ?? null;
        delete breakers[event.assetId];
        const changes = [{ path: "circuitBreaker", previous, next: null }];
        changeLog.push({ ...base, scope: "collateral", subject: event.assetId, reason: null, requested: changes, changes });
        break;
      }
    }
  }
  // AFMM terms (AFMM-6) and the spot listing registry have no runtime change command: they are the genesis configuration's.
  const folded: EngineConfig = {
    platform: clone(genesis.config.platform),
    markets,
    collateral,
    ...(genesis.config.afmm === undefined ? {} : { afmm: clone(genesis.config.afmm) }),
    // The spot listing registry (MRG-2) has no runtime change command either.
    ...(genesis.config.spotListings === undefined ? {} : { spotListings: clone(genesis.config.spotListings) }),
  };
  const config = live ? clone(live) : folded;

  const lastChange = new Map<string, { entry: ChangeLogEntry; change: LeafChange }>();
  for (const entry of changeLog) for (const change of entry.changes) lastChange.set(`${entry.scope}|${entry.subject}|${change.path}`, { entry, change });
  const rows: RegistryRow[] = [];
  const push = (scope: ParameterScope, subject: string, path: string, value: unknown, doc: ParamDoc | undefined, fixed: string | null) => {
    const last = lastChange.get(`${scope}|${subject}|${path}`);
    rows.push({
      scope,
      subject,
      path,
      value,
      label: doc?.label ?? path,
      unit: doc?.unit ?? "",
      description: doc?.description ?? "",
      requirements: doc?.requirements ?? [],
      derived: doc?.derived ?? false,
      fixed,
      effectiveFromMs: last?.entry.effectiveFromMs ?? genesis.startMs,
      previous: last ? last.change.previous : null,
      reason: last?.entry.reason ?? null,
      changeSeq: last?.entry.seq ?? null,
    });
  };
  for (const [path, value] of flattenParameters(config.platform))
    push("platform", "platform", path, value, PLATFORM_DOCS[path], "is part of the engine release; changing it means a new release");
  for (const spec of config.markets) {
    for (const [path, value] of flattenParameters(spec)) {
      const doc = docFor(MARKET_PARAMETER_DOCS, path);
      push("market", spec.symbol, path, value, doc, doc?.derived ? null : (fixedReason(path) ?? null));
    }
  }
  for (const asset of config.collateral) {
    for (const [path, value] of flattenParameters(asset)) push("collateral", asset.assetId, path, value, docFor(COLLATERAL_FIELD_DOCS, path), null);
  }
  const order = { platform: Object.keys(PLATFORM_DOCS), market: Object.keys(MARKET_PARAMETER_DOCS), collateral: Object.keys(COLLATERAL_FIELD_DOCS) };
  const ordered = rows
    .map((row, i) => ({ row, i, key: sortKey(order[row.scope], row.path) }))
    .sort((x, y) => (x.row.scope === y.row.scope && x.row.subject === y.row.subject ? compareKeys(x.key, y.key) || x.i - y.i : x.i - y.i))
    .map((entry) => entry.row);
  return {
    genesisMs: genesis.startMs,
    configHash: canonicalHash(config),
    journalConfigHash: canonicalHash(folded),
    config,
    breakers,
    rows: ordered,
    changeLog,
  };
}

/**
 * Rows read in the documented order (the docs list parameters section by section), each array
 * element's fields together: [rank of the path's section, element index, rank of the path].
 * Canonical JSON sorts object keys, so the configuration's own key order cannot be relied on.
 */
function sortKey(documented: string[], path: string): number[] {
  const doc = docPathOf(path);
  const rankOf = (key: string) => {
    for (let k = key; ; ) {
      const at = documented.indexOf(k);
      if (at >= 0) return at;
      const cut = Math.max(k.lastIndexOf("."), k.lastIndexOf("["));
      if (cut <= 0) return documented.length;
      k = k.slice(0, cut);
    }
  };
  const section = doc.split(/[.[]/)[0];
  const sectionRank = Math.min(...documented.map((key, i) => (key.split(/[.[]/)[0] === section ? i : documented.length)));
  const element = /\[(\d+)\]/.exec(path);
  return [sectionRank, element ? Number(element[1]) : -1, rankOf(doc)];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Labels of the platform parameters (the engine documents market and collateral fields itself). */
const PLATFORM_DOCS: Record<string, ParamDoc> = {
  formulaVersion: {
    label: "Formula version",
    unit: "text",
    description: "Stamped on every liquidation and ADL record so a record names the formulas it used.",
    requirements: ["LIQ-3", "DISC-1"],
  },
  settlementAsset: {
    label: "Settlement asset",
    unit: "enum",
    description: "Currency every market settles PnL, fees and funding in.",
    requirements: ["DISC-1"],
  },
  fundingAlignment: {
    label: "Funding alignment",
    unit: "enum",
    description: "Funding times are epoch-aligned multiples of each market's interval.",
    requirements: ["MRG-3", "DISC-1"],
  },
};

/** Load the genesis image and every configuration event from the journal, and fold them. */
export async function loadParameterRegistry(prisma: PrismaClient, live?: EngineConfig): Promise<ParameterRegistry> {
  const genesis = await new EngineJournal(prisma).genesis();
  if (!genesis) throw new Error("the journal has no genesis image yet: the engine has not started on this database");
  const rows = await prisma.engineEvent.findMany({
    where: { type: { in: [...CONFIG_EVENT_TYPES] } },
    orderBy: { seq: "asc" },
    select: EVENT_COLUMNS,
  });
  const events = rows.map(decodeEvent);
  // The genesis registry is the snapshot's own (it equals config.collateral at position 0).
  return buildParameterRegistry({ config: { ...genesis.snapshot.config, collateral: genesis.snapshot.registry }, startMs: genesis.snapshot.now }, events, live);
}
