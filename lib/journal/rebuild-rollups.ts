import { apply, restore } from "../engine/index";
import type { EngineJournal } from "../simulation/journal";
import { RollupFold, serializeRow, type StoredRollupRow } from "./rollup";

/**
 * Recompute every minute rollup from the journal alone (REC-1): the genesis image, then every
 * journaled command (up to position `through` when given) applied in order, folded exactly as the
 * host folds them live.
 */
export async function recomputeRollups(journal: EngineJournal, { through }: { through?: number } = {}): Promise<{ rows: StoredRollupRow[]; commands: number }> {
  const genesis = await journal.genesis();
  if (!genesis) return { rows: [], commands: 0 };
  const engine = restore(genesis.snapshot);
  const fold = new RollupFold();
  let commands = 0;
  for await (const row of journal.commandsAfter(0, { through })) {
    const result = apply(engine, row.command);
    if (result.rejection) throw new Error(`journal position ${row.position} (${row.command.type}) was rejected on replay: ${result.rejection.code}`);
    fold.foldCommand(result.events, engine);
    commands++;
  }
  // A finished minute's row is never folded into again, so taking every touched row once at the end is exact.
  const rows = fold.takeTouched().map(serializeRow);
  rows.sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : a.minuteMs - b.minuteMs));
  return { rows, commands };
}

export interface RollupDifference {
  market: string;
  minuteMs: number;
  /** "row" when one side has no row for the minute; "lastSeq"; else the JSON path of the first differing figure. */
  field: string;
  stored: unknown;
  recomputed: unknown;
}

/** The first difference between stored and recomputed rows (both in market, minute order), or null when they are equal. */
export function firstRollupDifference(stored: readonly StoredRollupRow[], recomputed: readonly StoredRollupRow[]): RollupDifference | null {
  const byKey = new Map(stored.map((row) => [`${row.market}|${row.minuteMs}`, row]));
  for (const row of recomputed) {
    const key = `${row.market}|${row.minuteMs}`;
    const mine = byKey.get(key);
    byKey.delete(key);
    if (!mine) return { market: row.market, minuteMs: row.minuteMs, field: "row", stored: null, recomputed: row.figures };
    if (mine.figures !== row.figures) {
      const path = firstPath(JSON.parse(mine.figures), JSON.parse(row.figures), "figures");
      return {
        market: row.market,
        minuteMs: row.minuteMs,
        field: path?.path ?? "figures",
        stored: path?.a ?? mine.figures,
        recomputed: path?.b ?? row.figures,
      };
    }
    if (mine.lastSeq !== row.lastSeq) return { market: row.market, minuteMs: row.minuteMs, field: "lastSeq", stored: mine.lastSeq, recomputed: row.lastSeq };
  }
  for (const extra of byKey.values()) return { market: extra.market, minuteMs: extra.minuteMs, field: "row", stored: extra.figures, recomputed: null };
  return null;
}

function firstPath(a: unknown, b: unknown, path: string): { path: string; a: unknown; b: unknown } | null {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstPath((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return a === b ? null : { path, a, b };
}

/**
 * Compare the stored rows with a recomputation while the engine may be writing: the rows are read in
 * one statement (one committed state), and the journal is replayed only up to the command whose
 * events the newest of them includes, so a batch committed in between is not taken for a difference.
 */
export async function checkRollups(journal: EngineJournal): Promise<{ difference: RollupDifference | null; rows: number; commands: number }> {
  const stored = await journal.rollups();
  const newest = stored.reduce((max, row) => Math.max(max, row.lastSeq), 0);
  const through = newest > 0 ? ((await journal.positionOfEvent(newest)) ?? undefined) : undefined;
  const { rows, commands } = await recomputeRollups(journal, { through });
  return { difference: firstRollupDifference(stored, rows), rows: rows.length, commands };
}
