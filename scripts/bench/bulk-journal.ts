import type { EngineSnapshot } from "../../lib/engine/index";
import type { StoredRollupRow } from "../../lib/journal/rollup";
import { EngineJournal, type HostMemo, type JournalEntry } from "../../lib/simulation/journal";

/**
 * The journal-growth bench's bulk-ingest mode: the same rows the portal writes, in fewer, larger
 * transactions. The host journals every step in its own transaction (one commit per 250 ms in the
 * portal); on a fake clock that commit, not the engine, bounds how many simulated days fit in an hour
 * of wall time. This journal keeps the host's appends and writes them together once `commands` of them
 * are waiting, before a snapshot (a snapshot never runs ahead of the commands it covers) and whenever
 * the bench flushes it (before it archives or reads). The tables end up row for row as the portal
 * would leave them: the rollup rows are whole minutes, so the last of each minute is the one to keep.
 *
 * Not for the portal: it acknowledges commands before they are durable.
 */
export class BulkJournal extends EngineJournal {
  private entries: JournalEntry[] = [];
  private rollupRows = new Map<string, StoredRollupRow>();

  constructor(
    prisma: ConstructorParameters<typeof EngineJournal>[0],
    private readonly commands: number,
  ) {
    super(prisma);
  }

  override async append(entries: readonly JournalEntry[], rollupRows: readonly StoredRollupRow[] = []): Promise<void> {
    this.entries.push(...entries);
    for (const row of rollupRows) this.rollupRows.set(`${row.market}\u0000${row.minuteMs}`, row);
    if (this.entries.length >= this.commands) await this.flush();
  }

  override async saveSnapshot(snapshot: EngineSnapshot, stateHash: string, host: HostMemo): Promise<void> {
    await this.flush();
    await super.saveSnapshot(snapshot, stateHash, host);
  }

  async flush(): Promise<void> {
    if (this.entries.length === 0) return;
    const entries = this.entries;
    const rows = [...this.rollupRows.values()];
    this.entries = [];
    this.rollupRows = new Map();
    await super.append(entries, rows);
  }
}
