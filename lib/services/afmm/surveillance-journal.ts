import "server-only";
import { DEFAULT_SURVEILLANCE_CONFIG, type AfmmQuoteObligation } from "@/lib/surveillance/config";
import { surveillanceSeedFromEngine } from "@/lib/surveillance/seed";
import { createSurveillance, type SurveillanceSeed } from "@/lib/surveillance/surveillance";
import { EngineJournal } from "@/lib/simulation/journal";
import { ReplayCursor, SnapshotIndex } from "@/lib/simulation/state-at";
import type { JournaledEvent, Surveillance } from "@/lib/surveillance/types";
import { loadParameterRegistry } from "@/lib/services/public-market-data/parameter-registry";
import type { Db, Tx } from "@/lib/services/context";
import { afmmTermsOf } from "@/lib/services/afmm/terms";
import { decodeEvent, EVENT_COLUMNS, type StoredEventRow } from "../../simulation/journal-codec";

/**
 * What the live projection and a past-window replay share: who the affiliate accounts are, the quote
 * obligations in force, the detector built from them, and the journal read in bounded pages. Both run
 * the same rules over the same events with the same warm-up, so a replay raises the ids the live
 * projection raised.
 */

/** Journal events read per query. */
export const JOURNAL_PAGE = 5_000;

/**
 * The detector's state is rebuilt from the journal before the point it starts at: from the start of the
 * aligned hour before it (the longest rule window, the quote-obligation and volume-share periods, is
 * one aligned hour) less a margin covering the rules' cool-downs and look-backs.
 */
export const WARMUP_ALIGN_MS = 3_600_000;
export const WARMUP_MARGIN_MS = 15 * 60_000;
/** At most this many events are replayed to warm the detector up. */
export const WARMUP_MAX_EVENTS = 400_000;

export interface SurveillanceInputs {
  affiliateAccountIds: number[];
  obligations: AfmmQuoteObligation[];
}

/**
 * Affiliate accounts: those of approved affiliates whose relationship has not ended, plus every
 * account the engine opened as kind "afmm". Obligations: the AFMM's quote obligations in the engine
 * configuration in force.
 */
export async function loadSurveillanceInputs(db: Db | Tx): Promise<SurveillanceInputs> {
  const affiliates = await db.afmmAffiliate.findMany({ where: { approved: true, endedAt: null }, select: { engineAccountIds: true } });
  const ids = new Set<number>(affiliates.flatMap((a) => a.engineAccountIds));
  const created = await db.engineEvent.findMany({
    // Accounts are few; bodies are compressed, so the kind is read after decoding.
    where: { type: "AccountCreated" },
    select: EVENT_COLUMNS,
  });
  for (const row of created) {
    const event = decodeEvent(row);
    if (event.type === "AccountCreated" && event.kind === "afmm") ids.add(event.accountId);
  }
  return { affiliateAccountIds: [...ids].sort((a, b) => a - b), obligations: await obligationsInForce(db) };
}

async function obligationsInForce(db: Db | Tx): Promise<AfmmQuoteObligation[]> {
  try {
    const registry = await loadParameterRegistry(db as Db);
    return afmmTermsOf(registry.config).quoteObligations.map((o) => ({ ...o }));
  } catch {
    // No genesis image yet: the engine has not started on this database, so nothing to oblige.
    return [];
  }
}

export function inputsKey(inputs: SurveillanceInputs): string {
  return JSON.stringify(inputs);
}

export type DetectorFactory = (inputs: SurveillanceInputs, seed?: SurveillanceSeed) => Surveillance;

export const createDetector: DetectorFactory = (inputs, seed) =>
  createSurveillance({ config: DEFAULT_SURVEILLANCE_CONFIG, obligations: inputs.obligations, affiliateAccountIds: inputs.affiliateAccountIds, seed });

/**
 * A detector current at journal seq `throughSeq`, writing nothing: seeded from the engine as it stood
 * at the warm-up start (its resting orders, each market's mark and index: the snapshot before it and
 * the journal replayed to it), then fed the journal's events from there through `throughSeq`. What
 * the warm-up raises is dropped (`onEvent` may collect it). The live projection and a replay of a
 * past window both start this way, so both see the same state at the same seq.
 */
export async function warmDetector(
  db: Db,
  inputs: SurveillanceInputs,
  throughSeq: bigint,
  build: DetectorFactory = createDetector,
): Promise<{ detector: Surveillance; events: number }> {
  const at = throughSeq > 0n ? await db.engineEvent.findFirst({ where: { seq: throughSeq }, select: { nowMs: true } }) : null;
  if (!at) return { detector: build(inputs), events: 0 };
  let startSeq = await seqAtOrBefore(db, warmupStartMs(Number(at.nowMs)) - 1);
  const floor = throughSeq - BigInt(WARMUP_MAX_EVENTS);
  if (startSeq < floor) startSeq = floor;
  let detector: Surveillance;
  let afterSeq = 0n;
  const start = startSeq > 0n ? await db.engineEvent.findFirst({ where: { seq: startSeq }, select: { position: true } }) : null;
  if (!start) detector = build(inputs);
  else {
    const journal = new EngineJournal(db);
    const position = Number(start.position);
    const cursor = await ReplayCursor.open(journal, await new SnapshotIndex(journal).baseFor(position));
    await cursor.advanceTo(journal, position);
    detector = build(inputs, cursor.read(surveillanceSeedFromEngine));
    // The engine stands after the whole command: go on from its last event.
    afterSeq = BigInt(cursor.read((engine) => engine.seq));
  }
  const fed = await feedJournal(db, detector, { afterSeq, throughSeq });
  return { detector, events: fed.events };
}

/** Engine time from which a detector that must be current at `atMs` is warmed up. */
export function warmupStartMs(atMs: number): number {
  return Math.floor(atMs / WARMUP_ALIGN_MS) * WARMUP_ALIGN_MS - WARMUP_MARGIN_MS;
}

export function journaled(row: StoredEventRow & { position: bigint }): JournaledEvent {
  return { event: decodeEvent(row), position: Number(row.position) };
}

/**
 * Feeds the detector the journal's events with seq in (afterSeq, throughSeq], page by page, in order.
 * `onAlerts` gets what each event completed. Returns the number of events read; stops after `maxEvents`.
 */
export async function feedJournal(
  db: Db | Tx,
  detector: Surveillance,
  range: { afterSeq: bigint; throughSeq: bigint; maxEvents?: number },
  onEvent?: (entry: JournaledEvent, alerts: ReturnType<Surveillance["observe"]>) => void,
): Promise<{ events: number; lastSeq: bigint; lastMs: number | null; complete: boolean }> {
  let after = range.afterSeq;
  let events = 0;
  let lastMs: number | null = null;
  const max = range.maxEvents ?? Number.MAX_SAFE_INTEGER;
  while (after < range.throughSeq) {
    if (events >= max) return { events, lastSeq: after, lastMs, complete: false };
    const rows = await db.engineEvent.findMany({
      where: { seq: { gt: after, lte: range.throughSeq } },
      orderBy: { seq: "asc" },
      take: Math.min(JOURNAL_PAGE, max - events),
      select: { position: true, ...EVENT_COLUMNS },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const entry = journaled(row);
      const alerts = detector.observe(entry);
      onEvent?.(entry, alerts);
      lastMs = entry.event.nowMs;
    }
    events += rows.length;
    after = rows[rows.length - 1].seq;
  }
  return { events, lastSeq: after, lastMs, complete: true };
}

/** The last journal seq at or before engine time `atMs` (0 when none). Engine time never goes back along the journal. */
export async function seqAtOrBefore(db: Db | Tx, atMs: number): Promise<bigint> {
  // Ordered by seq, not time: the same row, but the primary key serves it (time has only a block-range index).
  const row = await db.engineEvent.findFirst({ where: { nowMs: { lte: BigInt(atMs) } }, orderBy: { seq: "desc" }, select: { seq: true } });
  return row?.seq ?? 0n;
}
