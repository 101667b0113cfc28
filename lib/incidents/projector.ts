import { DEFAULT_ENGINE_CONFIG, type DepositSettled, type EngineEvent, type LiqStageEntered, type Trade, type Withdrawal } from "@/lib/engine/index";
import { formatLots, formatPpbDecimal, formatTicks, formatUsdMicros, formatUtc } from "@/lib/format";
import { IncidentDetector, type DetectionAction, type OpenIncident } from "@/lib/incidents/detect";
import { INCIDENT_POLICY, type IncidentPolicy, type IncidentStep } from "@/lib/incidents/policy";
import { SFC_EVENT_TASK_KIND, sfcTaskSourceRef } from "@/lib/incidents/sfc-notification";
import { queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import type { NoticeParams } from "@/lib/notices/render";
import type { Db, Tx } from "@/lib/services/context";
import type { Prisma } from "@/prisma/generated/client";
import { decodeEvent, EVENT_COLUMNS } from "../simulation/journal-codec";

/**
 * The journal projector: folds the engine's events, in sequence order, into what the portal's people
 * are told and shown — each client's own history (fills, liquidations, ADL fills, funding) and net
 * positions, default-management incidents, and notices (fund depletion and ADL to every client then
 * holding a position in the market; each client's own liquidation, ADL fill and margin call; officers
 * on a new incident). Everything a batch derives is written with the cursor in one transaction, so a
 * restart or a SIGKILL repeats nothing and loses nothing; the cursor row's lock keeps a second
 * projector (another instance) from folding the same batch.
 */

export const PROJECTOR_CURSOR = "journal-projector";

/** Event types the projector reads; everything else only moves time forward. */
const FOLDED_TYPES = [
  "Trade",
  "FundingSettled",
  "LiquidationStarted",
  "LiqStageEntered",
  "LiquidationCompleted",
  "InsuranceFundDepleted",
  "BackstopCapacityExhausted",
  "MarginCall",
  // SEC-2: collateral changes are told to the client.
  "DepositSettled",
  "Withdrawal",
];

const STAFF_ROLES = ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER"] as const;

export interface ProjectorRun {
  folded: number;
  cursor: number;
  opened: string[];
  closed: string[];
  notices: number;
}

export interface ProjectorOptions {
  policy?: IncidentPolicy;
  /** Events per transaction (whole commands: a batch never splits one command's events). */
  batch?: number;
  now?: () => Date;
}

/** Folds what the journal holds beyond the cursor, one batch per transaction, until caught up. */
export async function runProjector(db: Db, options: ProjectorOptions = {}): Promise<ProjectorRun> {
  const total: ProjectorRun = { folded: 0, cursor: 0, opened: [], closed: [], notices: 0 };
  for (;;) {
    const run = await db.$transaction((tx) => projectBatch(tx, options), { timeout: 120_000, maxWait: 10_000 });
    total.folded += run.folded;
    total.cursor = run.cursor;
    total.opened.push(...run.opened);
    total.closed.push(...run.closed);
    total.notices += run.notices;
    if (!run.more) return total;
  }
}

interface ClientLink {
  userId: string;
}

async function projectBatch(tx: Tx, options: ProjectorOptions): Promise<ProjectorRun & { more: boolean }> {
  const policy = options.policy ?? INCIDENT_POLICY;
  const batch = options.batch ?? 5_000;
  await tx.journalCursor.upsert({ where: { name: PROJECTOR_CURSOR }, create: { name: PROJECTOR_CURSOR, seq: 0n }, update: {} });
  // An update that changes nothing takes the row lock (Prisma has no SELECT … FOR UPDATE): a second
  // projector waits here and then reads the cursor this one moved.
  const cursorRow = await tx.journalCursor.update({ where: { name: PROJECTOR_CURSOR }, data: { seq: { increment: 0 } }, select: { seq: true } });
  const from = cursorRow.seq;
  const head = await tx.engineEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, nowMs: true } });
  if (!head || head.seq <= from) return { folded: 0, cursor: Number(from), opened: [], closed: [], notices: 0, more: false };

  let rows = await tx.engineEvent.findMany({
    where: { seq: { gt: from, lte: head.seq }, type: { in: FOLDED_TYPES } },
    orderBy: { seq: "asc" },
    take: batch + 1,
    select: { position: true, ...EVENT_COLUMNS },
  });
  let upTo = head.seq;
  let more = false;
  if (rows.length > batch) {
    // Stop before the last command of the page, so one command's events are folded together.
    const lastPosition = rows[batch].position;
    const cut = rows.findIndex((row) => row.position === lastPosition);
    rows =
      cut > 0
        ? rows.slice(0, cut)
        : await tx.engineEvent.findMany({
            where: { seq: { gt: from }, position: lastPosition, type: { in: FOLDED_TYPES } },
            orderBy: { seq: "asc" },
            select: { position: true, ...EVENT_COLUMNS },
          });
    upTo = rows[rows.length - 1].seq;
    more = true;
  }
  // Time moves with every event, folded or not: the quiet period is measured to the last event read.
  const timeRow = upTo === head.seq ? head : await tx.engineEvent.findFirst({ where: { seq: upTo }, select: { seq: true, nowMs: true } });
  const events = rows.map(decodeEvent);

  const fold = new BatchFold(tx, policy, options.now ?? (() => new Date()));
  await fold.load(events);
  for (const event of events) await fold.event(event);
  await fold.advance(Number(timeRow!.nowMs));
  const written = await fold.write();
  await tx.journalCursor.update({ where: { name: PROJECTOR_CURSOR }, data: { seq: upTo } });
  return { folded: events.length, cursor: Number(upTo), opened: fold.opened, closed: fold.closed, notices: written, more };
}

class BatchFold {
  readonly opened: string[] = [];
  readonly closed: string[] = [];
  private detector!: IncidentDetector;
  private clients = new Map<number, ClientLink>();
  private staff: string[] = [];
  /** Net lots per "account|market" for every client position touched or broadcast to in this batch. */
  private positions = new Map<string, number>();
  private marketsLoaded = new Set<string>();
  private activity: Prisma.AccountActivityCreateManyInput[] = [];
  private notices: NoticeDraft[] = [];
  private incidentWrites = new Map<string, { incident: OpenIncident; status: "open" | "draft"; created: boolean }>();
  /** Per liquidated client account: lots closed per market and the stages, since its LiquidationStarted. */
  private liquidations = new Map<number, { startSeq: number; markets: Map<string, { lots: number; stages: Set<string> }> }>();
  /** Broadcast notices drafted in this batch (earlier batches' are refused by their dedupe key when written). */
  private told = new Set<string>();
  /** SEC-2: this batch's ordinary fills per "account|market", told as one notice each. */
  private fills = new Map<
    string,
    { userId: string; accountId: number; market: string; firstSeq: number; lastMs: number; count: number; bought: number; sold: number }
  >();
  /** The ranking score of each ADL counterparty in the ADL stage being carried out. */
  private adlScores = new Map<number, bigint>();

  constructor(
    private readonly tx: Tx,
    private readonly policy: IncidentPolicy,
    private readonly now: () => Date,
  ) {}

  async load(events: EngineEvent[]): Promise<void> {
    const open = await this.tx.incident.findMany({ where: { status: "open" } });
    this.detector = new IncidentDetector(
      this.policy,
      open.map((row) => ({
        id: row.id,
        market: row.market,
        openedSeq: Number(row.openedSeq),
        openedAtMs: Number(row.openedAtMs),
        lastSeq: Number(row.lastSeq),
        lastAtMs: Number(row.lastAtMs),
        steps: row.steps as IncidentStep[],
      })),
    );
    const accountIds = new Set<number>();
    for (const event of events) for (const id of accountsOf(event)) accountIds.add(id);
    if (accountIds.size > 0) await this.loadClients([...accountIds]);
    const touched = [...accountIds].filter((id) => this.clients.has(id));
    if (touched.length > 0) {
      const rows = await this.tx.clientPosition.findMany({ where: { engineAccountId: { in: touched } } });
      for (const row of rows) this.positions.set(key(row.engineAccountId, row.market), row.lots);
    }
  }

  private async loadClients(ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 10_000) {
      const links = await this.tx.tradingAccount.findMany({
        where: { engineAccountId: { in: ids.slice(i, i + 10_000) } },
        select: { engineAccountId: true, userId: true },
      });
      for (const link of links) this.clients.set(link.engineAccountId, { userId: link.userId });
    }
  }

  async event(event: EngineEvent): Promise<void> {
    for (const action of this.detector.fold(event)) await this.incidentAction(action, event);
    switch (event.type) {
      case "Trade":
        this.trade(event);
        break;
      case "FundingSettled":
        for (const transfer of event.transfers) {
          if (!this.clients.has(transfer.accountId) || transfer.amount === 0n) continue;
          this.activity.push({
            seq: BigInt(event.seq),
            engineAccountId: transfer.accountId,
            nowMs: BigInt(event.nowMs),
            kind: "funding",
            market: event.market,
            amount: transfer.amount,
            positionAfter: this.positions.get(key(transfer.accountId, event.market)) ?? 0,
          });
        }
        break;
      case "LiquidationStarted":
        if (this.clients.has(event.accountId)) this.liquidations.set(event.accountId, { startSeq: event.seq, markets: new Map() });
        break;
      case "LiqStageEntered":
        this.stage(event);
        break;
      case "LiquidationCompleted":
        this.liquidationCompleted(event.accountId, event.nowMs);
        break;
      case "DepositSettled":
      case "Withdrawal":
        // SEC-2: a change to the client's collateral, told through the inbox and e-mail.
        this.collateralChanged(event);
        break;
      case "MarginCall": {
        const client = this.clients.get(event.accountId);
        if (!client) break;
        this.notices.push({
          userId: client.userId,
          kind: "marginCall",
          dedupeKey: `margin-call:${event.seq}:${event.accountId}`,
          params: {
            time: formatUtc(event.nowMs, true),
            equity: formatUsdMicros(event.equity),
            initialMargin: formatUsdMicros(event.initialMargin),
            maintenanceMargin: formatUsdMicros(event.maintenanceMargin),
            belowMaintenance: event.belowMaintenance ? 1 : 0,
          },
        });
        break;
      }
      default:
        break;
    }
  }

  private trade(trade: Trade): void {
    const sides: Array<{ accountId: number; side: "buy" | "sell"; fee: bigint; liquidated: boolean }> = [
      { accountId: trade.takerAccountId, side: trade.aggressor, fee: trade.takerFee, liquidated: trade.liquidation },
      { accountId: trade.makerAccountId, side: trade.aggressor === "buy" ? "sell" : "buy", fee: trade.makerFee, liquidated: false },
    ];
    for (const { accountId, side, fee, liquidated } of sides) {
      const client = this.clients.get(accountId);
      if (!client) continue;
      const positionKey = key(accountId, trade.market);
      const after = (this.positions.get(positionKey) ?? 0) + (side === "buy" ? trade.size : -trade.size);
      this.positions.set(positionKey, after);
      const adlCounterparty = trade.adl && !liquidated;
      this.activity.push({
        seq: BigInt(trade.seq),
        engineAccountId: accountId,
        nowMs: BigInt(trade.nowMs),
        kind: liquidated ? "liquidation" : adlCounterparty ? "adl" : "fill",
        market: trade.market,
        side,
        lots: trade.size,
        priceTicks: trade.price,
        amount: fee,
        positionAfter: after,
      });
      if (!liquidated && !adlCounterparty) this.summariseFill(accountId, client.userId, trade, side);
      if (adlCounterparty) {
        const spec = marketSpec(trade.market);
        const score = this.adlScores.get(accountId);
        this.notices.push({
          userId: client.userId,
          kind: "adlFill",
          dedupeKey: `adl-fill:${trade.seq}:${accountId}`,
          params: {
            market: trade.market,
            time: formatUtc(trade.nowMs, true),
            lots: formatLots(trade.size, spec.lotSize),
            base: spec.baseAsset,
            price: formatTicks(trade.price, spec.tickSize),
            score: score === undefined ? "—" : formatPpbDecimal(score),
          },
        });
      }
    }
  }

  /** SEC-2: ordinary fills, one notice per account and market per batch (liquidation and ADL fills have their own). */
  private summariseFill(accountId: number, userId: string, trade: Trade, side: "buy" | "sell"): void {
    const fillKey = key(accountId, trade.market);
    const entry = this.fills.get(fillKey) ?? {
      userId,
      accountId,
      market: trade.market,
      firstSeq: trade.seq,
      lastMs: trade.nowMs,
      count: 0,
      bought: 0,
      sold: 0,
    };
    entry.count += 1;
    entry.lastMs = trade.nowMs;
    if (side === "buy") entry.bought += trade.size;
    else entry.sold += trade.size;
    this.fills.set(fillKey, entry);
  }

  private collateralChanged(event: DepositSettled | Withdrawal): void {
    const client = this.clients.get(event.accountId);
    if (!client) return;
    const time = formatUtc(event.nowMs, true);
    if (event.type === "DepositSettled")
      this.notices.push({
        userId: client.userId,
        kind: "clientSecurity.collateralDeposit",
        dedupeKey: `deposit-settled:${event.depositId}`,
        params: { time, asset: event.assetId, credited: formatUsdMicros(event.credited) },
      });
    else
      this.notices.push({
        userId: client.userId,
        kind: "clientSecurity.collateralWithdrawal",
        dedupeKey: `withdrawal:${event.accountId}:${event.withdrawalId}`,
        params: { time, asset: event.assetId, value: formatUsdMicros(event.valueUsd) },
      });
  }

  private stage(stage: LiqStageEntered): void {
    if (stage.stage === "adl") {
      this.adlScores.clear();
      for (const counterparty of stage.counterparties ?? []) this.adlScores.set(counterparty.accountId, counterparty.rankPpb);
    }
    const liquidation = this.liquidations.get(stage.accountId);
    if (!liquidation || stage.market === null || stage.sizeClosed === 0) return;
    const entry = liquidation.markets.get(stage.market) ?? { lots: 0, stages: new Set<string>() };
    entry.lots += stage.sizeClosed;
    entry.stages.add(stage.stage);
    liquidation.markets.set(stage.market, entry);
  }

  private liquidationCompleted(accountId: number, nowMs: number): void {
    const liquidation = this.liquidations.get(accountId);
    const client = this.clients.get(accountId);
    this.liquidations.delete(accountId);
    if (!liquidation || !client) return;
    for (const [market, { lots, stages }] of liquidation.markets) {
      const spec = marketSpec(market);
      this.notices.push({
        userId: client.userId,
        kind: "liquidated",
        dedupeKey: `liquidated:${liquidation.startSeq}:${market}:${accountId}`,
        params: { market, time: formatUtc(nowMs, true), lots: formatLots(lots, spec.lotSize), base: spec.baseAsset, stages: [...stages].join(", ") },
      });
    }
  }

  private async incidentAction(action: DetectionAction, event: { seq: number; nowMs: number }): Promise<void> {
    const { incident } = action;
    switch (action.type) {
      case "opened":
        this.opened.push(incident.id);
        this.incidentWrites.set(incident.id, { incident, status: "open", created: true });
        await this.officersTold(incident);
        if (this.policy.broadcastOn.includes(action.step)) await this.broadcast(incident, action.step, event);
        break;
      case "joined": {
        const write = this.incidentWrites.get(incident.id);
        this.incidentWrites.set(incident.id, { incident, status: "open", created: write?.created ?? false });
        // Every ADL (or floor) event of the incident, not only its first: a client who opened a position
        // after the first round is told at the next. The dedupe key tells each client once per incident.
        if (action.step && this.policy.broadcastOn.includes(action.step)) await this.broadcast(incident, action.step, event);
        break;
      }
      case "closed": {
        this.closed.push(incident.id);
        const write = this.incidentWrites.get(incident.id);
        this.incidentWrites.set(incident.id, { incident, status: "draft", created: write?.created ?? false });
        break;
      }
    }
  }

  async advance(nowMs: number): Promise<void> {
    for (const action of this.detector.advanceTo(nowMs)) await this.incidentAction(action, { seq: action.incident.lastSeq, nowMs });
  }

  private async officersTold(incident: OpenIncident): Promise<void> {
    if (this.staff.length === 0) {
      const users = await this.tx.userRole.findMany({ where: { role: { in: [...STAFF_ROLES] } }, select: { userId: true }, distinct: ["userId"] });
      this.staff = users.map((u) => u.userId);
    }
    for (const userId of this.staff) {
      this.notices.push({
        userId,
        kind: "incidentOpened",
        incidentId: incident.id,
        dedupeKey: `incident-opened:${incident.id}:${userId}`,
        params: {
          market: incident.market,
          incidentId: incident.id,
          time: formatUtc(incident.openedAtMs, true),
          steps: incident.steps.join(", "),
          deadline: formatUtc(incident.openedAtMs + this.policy.reportDueMs),
        },
      });
    }
  }

  /** DISC-6: every portal client holding a position in the market at this event is told, once per incident and step. */
  private async broadcast(incident: OpenIncident, step: IncidentStep, event: { seq: number; nowMs: number }): Promise<void> {
    const holders = await this.holders(incident.market);
    const fundEvent = step === "fund_floor";
    const figures = fundEvent ? await this.fundFigures(incident.market, event.seq) : {};
    for (const { accountId, userId } of holders) {
      const dedupeKey = `${fundEvent ? "fund-floor" : "adl"}:${incident.id}:${accountId}`;
      if (this.told.has(dedupeKey)) continue;
      this.told.add(dedupeKey);
      this.notices.push({
        userId,
        kind: fundEvent ? "fundDepleted" : "adlOccurred",
        incidentId: incident.id,
        dedupeKey,
        params: { market: incident.market, time: formatUtc(event.nowMs, true), ...figures },
      });
    }
  }

  private async fundFigures(market: string, seq: number): Promise<NoticeParams> {
    const row = await this.tx.engineEvent.findFirst({
      where: { seq: { lte: BigInt(seq) }, type: "InsuranceFundDepleted", market },
      orderBy: { seq: "desc" },
      select: EVENT_COLUMNS,
    });
    if (!row) return { balance: "—", floor: "—" };
    const depleted = decodeEvent(row) as unknown as { balance: bigint; floor: bigint };
    return { balance: formatUsdMicros(depleted.balance), floor: formatUsdMicros(depleted.floor) };
  }

  /** Clients with a non-zero position in the market as folded so far (the stored positions plus this batch's changes). */
  private async holders(market: string): Promise<Array<{ accountId: number; userId: string }>> {
    if (!this.marketsLoaded.has(market)) {
      this.marketsLoaded.add(market);
      const rows = await this.tx.clientPosition.findMany({ where: { market }, select: { engineAccountId: true, lots: true } });
      const missing = rows.filter((row) => !this.clients.has(row.engineAccountId)).map((row) => row.engineAccountId);
      if (missing.length > 0) await this.loadClients(missing);
      for (const row of rows) if (!this.positions.has(key(row.engineAccountId, market))) this.positions.set(key(row.engineAccountId, market), row.lots);
    }
    const out: Array<{ accountId: number; userId: string }> = [];
    for (const [positionKey, lots] of this.positions) {
      if (lots === 0) continue;
      const [accountText, positionMarket] = positionKey.split("|");
      if (positionMarket !== market) continue;
      const client = this.clients.get(Number(accountText));
      if (client) out.push({ accountId: Number(accountText), userId: client.userId });
    }
    return out;
  }

  async write(): Promise<number> {
    const tx = this.tx;
    if (this.activity.length > 0) {
      for (let i = 0; i < this.activity.length; i += 5_000)
        await tx.accountActivity.createMany({ data: this.activity.slice(i, i + 5_000), skipDuplicates: true });
    }
    for (const [positionKey, lots] of this.positions) {
      const [accountText, market] = positionKey.split("|");
      const engineAccountId = Number(accountText);
      if (lots === 0) await tx.clientPosition.deleteMany({ where: { engineAccountId, market } });
      else
        await tx.clientPosition.upsert({
          where: { engineAccountId_market: { engineAccountId, market } },
          create: { engineAccountId, market, lots },
          update: { lots },
        });
    }
    for (const { incident, status, created } of this.incidentWrites.values()) {
      const fields = {
        lastSeq: BigInt(incident.lastSeq),
        lastAtMs: BigInt(incident.lastAtMs),
        steps: incident.steps,
        status,
        ...(status === "draft" ? { closedSeq: BigInt(incident.lastSeq), closedAtMs: BigInt(incident.lastAtMs) } : {}),
      };
      if (created) {
        const deadlineAt = new Date(incident.openedAtMs + this.policy.reportDueMs);
        await tx.incident.create({
          data: {
            id: incident.id,
            market: incident.market,
            openedSeq: BigInt(incident.openedSeq),
            openedAtMs: BigInt(incident.openedAtMs),
            deadlineAt,
            ...fields,
          },
        });
        await tx.complianceTask.createMany({
          data: [
            {
              kind: SFC_EVENT_TASK_KIND,
              title: incident.market,
              dueAt: deadlineAt,
              sourceRef: sfcTaskSourceRef(incident.id),
              createdAt: this.now(),
            },
          ],
          skipDuplicates: true,
        });
      } else await tx.incident.update({ where: { id: incident.id }, data: fields });
    }
    for (const fill of this.fills.values()) {
      const spec = marketSpec(fill.market);
      this.notices.push({
        userId: fill.userId,
        kind: "clientSecurity.fillsSummary",
        // The batch's first fill for this account and market: a replayed batch starts at the same event.
        dedupeKey: `fills:${fill.firstSeq}:${fill.accountId}:${fill.market}`,
        params: {
          market: fill.market,
          time: formatUtc(fill.lastMs, true),
          count: fill.count,
          bought: formatLots(fill.bought, spec.lotSize),
          sold: formatLots(fill.sold, spec.lotSize),
          base: spec.baseAsset,
        },
      });
    }
    // Read last, after the batch's other writes: notices are stamped when they are written.
    return queueNotices(tx, this.notices, this.now());
  }
}

function key(accountId: number, market: string): string {
  return `${accountId}|${market}`;
}

function accountsOf(event: EngineEvent): number[] {
  switch (event.type) {
    case "Trade":
      return [event.takerAccountId, event.makerAccountId];
    case "FundingSettled":
      return event.transfers.map((t) => t.accountId);
    case "LiquidationStarted":
    case "LiquidationCompleted":
    case "LiqStageEntered":
    case "MarginCall":
    case "DepositSettled":
    case "Withdrawal":
      return [event.accountId];
    default:
      return [];
  }
}

function marketSpec(symbol: string) {
  // Tick size, lot size and base asset are fixed parameters of a market (they never change while it runs).
  const spec = DEFAULT_ENGINE_CONFIG.markets.find((m) => m.symbol === symbol);
  return { tickSize: spec?.tickSize ?? "1", lotSize: spec?.lotSize ?? "1", baseAsset: spec?.baseAsset ?? symbol };
}
