import { configHash, stateHash, type EngineEvent, type EngineState } from "@/lib/engine/index";
import { secret } from "@/lib/secrets";
import { EngineJournal } from "@/lib/simulation/journal";
import { ReplayCursor, SnapshotIndex } from "@/lib/simulation/state-at";
import type { PrismaClient } from "@/prisma/generated/client";
import {
  computeClientStatement,
  computeIncidentReport,
  firstAdlStagesBySide,
  involvementOf,
  PRICE_WINDOW_MS,
  type IncidentReportInput,
  type PositionAt,
  type RecordedEvent,
} from "./compute";
import { incidentPseudonymKey } from "./pseudonym";
import { accountFigures, clientsWithPositions, FIRST_CLIENT_ACCOUNT_ID, fundBalance, marketPositions, specInForce } from "./state-figures";
import type { ClientStatement } from "./statement-types";
import type { IncidentReport } from "./types";
import { decodeEvent, EVENT_COLUMNS, type StoredEventRow } from "../../simulation/journal-codec";

/**
 * Reads what the report is computed from: the incident's journal range (whole commands, from the
 * one that opened it to the one of its last related event), only the event types the report uses,
 * and the engine state at the few journal positions it needs, replayed forward in one pass from the
 * nearest snapshot. The replay is CPU work on the caller's thread: call it from a job, not a request.
 */

export class IncidentNotFoundError extends Error {
  constructor(readonly incidentId: string) {
    super(`no incident ${incidentId}`);
    this.name = "IncidentNotFoundError";
  }
}

export interface DraftOptions {
  /** Secret the account pseudonyms are keyed from (default: AUDIT_HMAC_KEY, lib/secrets.ts). */
  pseudonymSecret?: string;
}

/** Event types of the market the report reads (liquidation trades are selected by their flag). */
const MARKET_TYPES = [
  "LiqStageEntered",
  "InsuranceFundChanged",
  "InsuranceFundDepleted",
  "MarkTick",
  "IndexTick",
  "BackstopCapacityExhausted",
  "MarketParametersUpdated",
];
/** Account-level events of the liquidations (stored without a market). */
const ACCOUNT_TYPES = ["LiquidationStarted", "LiquidationCompleted", "LiqStageEntered", "CollateralConverted"];
const PAGE = 5_000;

type Db = PrismaClient;

interface IncidentRange {
  incidentId: string;
  market: string;
  range: IncidentReportInput["range"];
  startedAtMs: number;
  endedAtMs: number;
}

type EventRow = StoredEventRow & { position: bigint };

const EVENT_ROW = { position: true, ...EVENT_COLUMNS } as const;
const recorded = (row: EventRow): RecordedEvent => ({ position: Number(row.position), event: decodeEvent(row) });
/** Bodies are compressed, so trade flags and account ids are matched after decoding. */
const isLiquidationTrade = (event: EngineEvent): boolean => event.type === "Trade" && event.liquidation === true;

/** The incident's journal range: whole commands from the opening event's to the last related event's. */
async function rangeOf(db: Db, incidentId: string): Promise<IncidentRange> {
  const incident = await db.incident.findUnique({ where: { id: incidentId }, select: { id: true, market: true, openedSeq: true, lastSeq: true } });
  if (!incident) throw new IncidentNotFoundError(incidentId);
  const ends = await db.engineEvent.findMany({ where: { seq: { in: [incident.openedSeq, incident.lastSeq] } }, select: { seq: true, position: true } });
  const positionOf = (seq: bigint) => {
    const row = ends.find((end) => end.seq === seq);
    if (!row) throw new Error(`incident ${incidentId}: journal event ${seq} is missing`);
    return row.position;
  };
  const [first, last] = [positionOf(incident.openedSeq), positionOf(incident.lastSeq)];
  const commands = await db.engineCommand.findMany({
    where: { position: { in: [first, last] } },
    select: { position: true, nowMs: true, firstEventSeq: true, lastEventSeq: true },
  });
  const opening = commands.find((command) => command.position === first);
  const closing = commands.find((command) => command.position === last);
  if (!opening?.firstEventSeq || !closing?.lastEventSeq)
    throw new Error(`incident ${incidentId}: the journal lacks the commands at positions ${first} and ${last}`);
  return {
    incidentId,
    market: incident.market,
    range: { fromSeq: Number(opening.firstEventSeq), toSeq: Number(closing.lastEventSeq), fromPosition: Number(first), toPosition: Number(last) },
    startedAtMs: Number(opening.nowMs),
    endedAtMs: Number(closing.nowMs),
  };
}

/** Rows of one query, paged by seq so a long incident never loads one huge result. */
async function paged(db: Db, where: (after: bigint) => NonNullable<Parameters<Db["engineEvent"]["findMany"]>[0]>["where"], from: bigint): Promise<EventRow[]> {
  const out: EventRow[] = [];
  let after = from - 1n;
  for (;;) {
    const rows = await db.engineEvent.findMany({
      where: where(after),
      orderBy: { seq: "asc" },
      take: PAGE,
      select: EVENT_ROW,
    });
    out.push(...rows);
    if (rows.length < PAGE) return out;
    after = rows[rows.length - 1].seq;
  }
}

/** The range's events the report reads, and the price ticks of the window around it. */
async function eventsOf(db: Db, incident: IncidentRange): Promise<RecordedEvent[]> {
  const { market, range } = incident;
  const [from, to] = [BigInt(range.fromSeq), BigInt(range.toSeq)];
  const marketRows = await paged(
    db,
    (after) => ({
      market,
      seq: { gt: after, lte: to },
      type: { in: [...MARKET_TYPES, "Trade"] },
    }),
    from,
  );
  const accountRows = await paged(db, (after) => ({ market: null, type: { in: ACCOUNT_TYPES }, seq: { gt: after, lte: to } }), from);
  const events = marketRows.map(recorded).filter(({ event }) => event.type !== "Trade" || isLiquidationTrade(event));
  // Only the liquidations of accounts that had a stage in this market.
  const accounts = new Set(events.flatMap(({ event }) => (event.type === "LiqStageEntered" ? [event.accountId] : [])));
  for (const row of accountRows) {
    const event = recorded(row);
    if (accounts.has((event.event as { accountId: number }).accountId)) events.push(event);
  }
  // Price ticks of the minute before and after (bounded by engine time, which the nowMs index serves).
  const ticks = { market, type: { in: ["MarkTick", "IndexTick"] } };
  const lead = await db.engineEvent.findMany({
    where: { ...ticks, nowMs: { gte: BigInt(incident.startedAtMs - PRICE_WINDOW_MS.before) }, seq: { lt: from } },
    orderBy: { seq: "asc" },
    select: EVENT_ROW,
  });
  const tail = await db.engineEvent.findMany({
    where: { ...ticks, nowMs: { lte: BigInt(incident.endedAtMs + PRICE_WINDOW_MS.after) }, seq: { gt: to } },
    orderBy: { seq: "asc" },
    select: EVENT_ROW,
  });
  events.push(...lead.map(recorded), ...tail.map(recorded));
  return events.sort((a, b) => a.event.seq - b.event.seq);
}

/** Visit journal positions in order with one replay cursor, reading what each position needs. */
async function visit(db: Db, positions: Map<number, Array<(engine: EngineState) => void>>): Promise<void> {
  const order = [...positions.keys()].sort((a, b) => a - b);
  if (order.length === 0) return;
  const journal = new EngineJournal(db);
  const snapshots = new SnapshotIndex(journal);
  let cursor = await ReplayCursor.open(journal, await snapshots.baseFor(order[0]));
  for (const position of order) {
    // A later snapshot on the way is cheaper than replaying up to it.
    const base = await snapshots.baseFor(position);
    if (base > cursor.position) cursor = await ReplayCursor.open(journal, base);
    await cursor.advanceTo(journal, position);
    for (const read of positions.get(position)!) cursor.read(read);
  }
}

function at(positions: Map<number, Array<(engine: EngineState) => void>>, position: number, read: (engine: EngineState) => void): void {
  const list = positions.get(position);
  if (list) list.push(read);
  else positions.set(position, [read]);
}

/** Everything computeIncidentReport needs, read from the database. */
export async function loadIncidentReportInput(db: Db, incidentId: string, options: DraftOptions = {}): Promise<IncidentReportInput> {
  const incident = await rangeOf(db, incidentId);
  const { market, range } = incident;
  const events = await eventsOf(db, incident);
  const figures = {} as Pick<IncidentReportInput, "spec" | "configHash" | "stateHashBefore" | "stateHashAfter" | "fundBefore" | "clientsWithPositions">;
  const adlEligibility: IncidentReportInput["adlEligibility"] = [];
  const reads = new Map<number, Array<(engine: EngineState) => void>>();
  at(reads, range.fromPosition - 1, (engine) => {
    figures.spec = specInForce(engine, market);
    figures.configHash = configHash(engine);
    figures.stateHashBefore = stateHash(engine);
    figures.fundBefore = fundBalance(engine, market);
    figures.clientsWithPositions = clientsWithPositions(engine, market);
  });
  for (const side of firstAdlStagesBySide(events, market)) {
    at(reads, side.position - 1, (engine) => {
      const positions: PositionAt[] = marketPositions(engine, market);
      adlEligibility.push({ adlSeq: side.adlSeq, positions });
    });
  }
  at(reads, range.toPosition, (engine) => (figures.stateHashAfter = stateHash(engine)));
  await visit(db, reads);
  return {
    incidentId,
    market,
    range,
    events,
    ...figures,
    adlEligibility,
    pseudonymKey: incidentPseudonymKey(options.pseudonymSecret ?? secret("AUDIT_HMAC_KEY"), incidentId),
  };
}

/** The draft report of an incident, computed from the journal. */
export async function draftIncidentReport(db: Db, incidentId: string, options: DraftOptions = {}): Promise<IncidentReport> {
  return computeIncidentReport(await loadIncidentReportInput(db, incidentId, options));
}

/**
 * Personal statements for the portal clients (TradingAccount) liquidated or deleveraged in the
 * incident, by engine account id.
 */
export async function draftClientStatements(db: Db, incidentId: string): Promise<Map<number, ClientStatement>> {
  const incident = await rangeOf(db, incidentId);
  const { market, range } = incident;
  const events = await eventsOf(db, incident);
  // Each account's own events (its liquidations, fills and fund lines), so a statement reads only those.
  const own = new Map<number, RecordedEvent[]>();
  const add = (accountId: number | null | undefined, recordedEvent: RecordedEvent) => {
    if (accountId === null || accountId === undefined) return;
    const list = own.get(accountId);
    if (list) {
      if (list.at(-1) !== recordedEvent) list.push(recordedEvent);
    } else own.set(accountId, [recordedEvent]);
  };
  for (const recordedEvent of events) {
    const { event } = recordedEvent;
    if (event.seq < range.fromSeq || event.seq > range.toSeq) continue;
    if (event.type === "Trade") {
      add(event.takerAccountId, recordedEvent);
      add(event.makerAccountId, recordedEvent);
    } else add((event as { accountId?: number | null }).accountId, recordedEvent);
  }
  const candidates = [...own.keys()].filter((accountId) => accountId >= FIRST_CLIENT_ACCOUNT_ID);
  const clients = await db.tradingAccount.findMany({ where: { engineAccountId: { in: candidates } }, select: { engineAccountId: true } });
  const out = new Map<number, ClientStatement>();

  const plans = clients
    .map(({ engineAccountId }) => ({ accountId: engineAccountId, involvement: involvementOf(own.get(engineAccountId)!, range, market, engineAccountId) }))
    .filter((plan): plan is { accountId: number; involvement: NonNullable<typeof plan.involvement> } => plan.involvement !== null)
    .sort((a, b) => a.accountId - b.accountId);
  if (plans.length === 0) return out;
  const commandPositions = [...new Set(plans.flatMap((plan) => [plan.involvement.firstPosition, plan.involvement.lastPosition]))].map(BigInt);
  const commands = new Map(
    (
      await db.engineCommand.findMany({ where: { position: { in: commandPositions } }, select: { position: true, firstEventSeq: true, lastEventSeq: true } })
    ).map((row) => [Number(row.position), row]),
  );

  type Figures = ReturnType<typeof accountFigures>;
  const reads = new Map<number, Array<(engine: EngineState) => void>>();
  const state = new Map<number, { before?: Figures; after?: Figures }>();
  let spec: ReturnType<typeof specInForce> | undefined;
  for (const plan of plans) {
    const entry: { before?: Figures; after?: Figures } = {};
    state.set(plan.accountId, entry);
    at(reads, plan.involvement.firstPosition - 1, (engine) => {
      spec ??= specInForce(engine, market);
      entry.before = accountFigures(engine, market, plan.accountId);
    });
    at(reads, plan.involvement.lastPosition, (engine) => (entry.after = accountFigures(engine, market, plan.accountId)));
  }
  await visit(db, reads);

  for (const plan of plans) {
    const fromSeq = Number(commands.get(plan.involvement.firstPosition)!.firstEventSeq);
    const throughSeq = Number(commands.get(plan.involvement.lastPosition)!.lastEventSeq);
    const mine = own.get(plan.accountId)!;
    // The waterfall stages of the accounts it was deleveraged against give each fill its mark price.
    const against = new Set(mine.flatMap(({ event }) => (event.type === "Trade" && event.makerAccountId === plan.accountId ? [event.takerAccountId] : [])));
    const stages = [...against].flatMap((accountId) => (own.get(accountId) ?? []).filter(({ event }) => event.type === "LiqStageEntered"));
    // Ordinary fills between two commands of its involvement move its position too. Within one
    // command there are none: liquidation runs only in mark-update commands, whose trades are all
    // liquidation trades, already loaded.
    const ordinary =
      plan.involvement.firstPosition === plan.involvement.lastPosition
        ? []
        : (
            await db.engineEvent.findMany({
              where: { market, type: "Trade", seq: { gte: BigInt(fromSeq), lte: BigInt(throughSeq) } },
              orderBy: { seq: "asc" },
              select: EVENT_ROW,
            })
          ).filter((row) => {
            const event = decodeEvent(row);
            return event.type === "Trade" && !isLiquidationTrade(event) && (event.takerAccountId === plan.accountId || event.makerAccountId === plan.accountId);
          });
    const figures = state.get(plan.accountId)!;
    out.set(
      plan.accountId,
      computeClientStatement({
        incidentId,
        market,
        engineAccountId: plan.accountId,
        range,
        startedAtMs: incident.startedAtMs,
        endedAtMs: incident.endedAtMs,
        events: [...mine, ...stages, ...ordinary.map(recorded)],
        spec: spec!,
        positionBefore: figures.before!.position,
        fromSeq,
        throughSeq,
        equityBefore: figures.before!.equity,
        equityAfter: figures.after!.equity,
      }),
    );
  }
  return out;
}
