import { adlRisk, apply, marketView, restore, stateHash, type EngineState } from "../engine/index";
import type { EngineJournal } from "./journal";

/**
 * The engine as it stood right after the command that emitted event `seq`: the nearest snapshot
 * at or before that command, then the journal replayed up to it. Every public figure carries the
 * seq it describes, so anyone can ask for the engine's own answer at that point and compare — the
 * check behind "values on the page equal the engine's at the same sequence number".
 *
 * This is CPU work (a restore, up to a snapshot interval of commands, a state hash), so the portal
 * never runs it on its event loop: `StateAtQueue` (state-at-queue.ts) runs it in a worker thread.
 */

/** One market's public figures right after a journal event. */
export interface MarketAt {
  seq: number;
  position: number;
  engineTimeMs: number;
  lastEventSeq: number;
  stateHash: string;
  view: NonNullable<ReturnType<typeof marketView>>;
  adl: ReturnType<typeof adlRisk> | null;
}

/** Where the answer for an event comes from: the command that emitted it and the snapshot to replay from. */
export interface ReplayPlan {
  /** Journal position of the command that emitted the event. */
  position: number;
  /** Position of the newest snapshot at or before it. */
  base: number;
}

/**
 * Which stored snapshot a replay starts from: the newest at or before the position. Snapshot
 * positions are few and only ever added at the head of the journal, so they are kept in memory and
 * only the ones newer than the last known are read.
 */
export class SnapshotIndex {
  private positions: number[] = [];
  private reading: Promise<void> | undefined;

  constructor(private readonly journal: EngineJournal) {}

  async baseFor(position: number): Promise<number> {
    // A snapshot stored after this read started is simply not used: starting from an older one
    // replays more, never differently.
    if (position > (this.positions.at(-1) ?? -1)) await this.readNewer();
    // Binary search for the last snapshot position ≤ position.
    let low = 0;
    let high = this.positions.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.positions[middle] <= position) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found < 0) throw new Error("the journal has no snapshot to replay from (the genesis image is missing)");
    return this.positions[found];
  }

  /** Read everything again next time (after a replay failed, e.g. because the journal was reset). */
  forget(): void {
    this.positions = [];
  }

  private readNewer(): Promise<void> {
    this.reading ??= this.journal
      .snapshotPositionsAfter(this.positions.at(-1) ?? -1)
      .then((newer) => void this.positions.push(...newer))
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}

/** The plan for event `seq`, or null when there is no such event. */
export async function planFor(journal: EngineJournal, seq: number, snapshots = new SnapshotIndex(journal)): Promise<ReplayPlan | null> {
  const position = await journal.positionOfEvent(seq);
  if (position === null) return null;
  return { position, base: await snapshots.baseFor(position) };
}

/**
 * An engine restored from one stored snapshot and moved forward through the journal. A replay
 * only goes forward, so one cursor answers every requested event of a snapshot interval in a
 * single pass when they are visited in position order.
 */
export class ReplayCursor {
  private constructor(
    /** The snapshot position this cursor started from. */
    readonly base: number,
    private readonly engine: EngineState,
  ) {}

  static async open(journal: EngineJournal, base: number): Promise<ReplayCursor> {
    const stored = await journal.snapshotAt(base);
    if (!stored) throw new Error(`the journal has no snapshot at position ${base}`);
    return new ReplayCursor(base, restore(stored.snapshot));
  }

  /** Journal position the engine stands at. */
  get position(): number {
    return this.engine.commandCount;
  }

  /** Apply the journal's commands after the current position up to and including `position`. */
  async advanceTo(journal: EngineJournal, position: number): Promise<void> {
    if (position < this.position) throw new Error(`a replay cursor at position ${this.position} cannot go back to ${position}`);
    if (position === this.position) return;
    for await (const row of journal.commandsAfter(this.position, { pageSize: 500, through: position })) {
      const result = apply(this.engine, row.command);
      if (result.rejection) throw new Error(`journal position ${row.position} was rejected on replay: ${result.rejection.code}`);
    }
    if (this.engine.commandCount !== position)
      throw new Error(`replay stopped at position ${this.engine.commandCount}, wanted ${position}: the journal has a gap`);
  }

  /** One market's figures where the cursor stands, labelled with the event asked about; null for an unknown market. */
  marketAt(symbol: string, seq: number, hash = stateHash(this.engine)): MarketAt | null {
    const view = marketView(this.engine, symbol);
    if (!view) return null;
    return {
      seq,
      position: this.engine.commandCount,
      engineTimeMs: this.engine.now,
      lastEventSeq: this.engine.seq,
      stateHash: hash,
      view,
      adl: adlRisk(this.engine, symbol) ?? null,
    };
  }

  /** The state hash where the cursor stands (computed once per position when several markets are asked for). */
  hash(): string {
    return stateHash(this.engine);
  }

  /**
   * Run a query on the engine where the cursor stands. The query must only read (the engine's view
   * functions): the cursor goes on from this state, so a change would falsify every later answer.
   */
  read<T>(query: (engine: EngineState) => T): T {
    return query(this.engine);
  }
}

/**
 * One market's public figures at event `seq`, computed right here (the same queries the live
 * stats message uses). For tools and tests; the portal goes through `StateAtQueue`.
 */
export async function marketAtEvent(journal: EngineJournal, symbol: string, seq: number): Promise<MarketAt | null> {
  const plan = await planFor(journal, seq);
  if (!plan) return null;
  const cursor = await ReplayCursor.open(journal, plan.base);
  await cursor.advanceTo(journal, plan.position);
  return cursor.marketAt(symbol, seq);
}
