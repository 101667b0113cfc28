import { adlRisk, apply, marketView, restore, stateHash, type EngineState } from "../engine/index";
import type { EngineJournal } from "./journal";

/**
 * The engine as it stood right after the command that emitted event `seq`: the nearest snapshot
 * at or before that command, then the journal replayed up to it. Every public figure carries the
 * seq it describes, so anyone can ask for the engine's own answer at that point and compare — the
 * check behind "values on the page equal the engine's at the same sequence number" (issue 6 pt 12).
 */
export async function engineAtEvent(journal: EngineJournal, seq: number): Promise<{ engine: EngineState; position: number } | null> {
  const position = await journal.positionOfEvent(seq);
  if (position === null) return null;
  const stored = await journal.snapshotAtOrBefore(position);
  if (!stored) throw new Error("the journal has no snapshot to replay from (the genesis image is missing)");
  const engine = restore(stored.snapshot);
  for await (const row of journal.commandsAfter(stored.position, 1_000)) {
    if (row.position > position) break;
    const result = apply(engine, row.command);
    if (result.rejection) throw new Error(`journal position ${row.position} was rejected on replay: ${result.rejection.code}`);
  }
  if (engine.commandCount !== position) throw new Error(`replay stopped at position ${engine.commandCount}, wanted ${position}: the journal has a gap`);
  return { engine, position };
}

/** One market's public figures at event `seq` (the same queries the live stats message uses). */
export async function marketAtEvent(journal: EngineJournal, symbol: string, seq: number) {
  const at = await engineAtEvent(journal, seq);
  if (!at) return null;
  const view = marketView(at.engine, symbol);
  if (!view) return null;
  return { seq, position: at.position, engineTimeMs: at.engine.now, lastEventSeq: at.engine.seq, stateHash: stateHash(at.engine), view, adl: adlRisk(at.engine, symbol) ?? null };
}
