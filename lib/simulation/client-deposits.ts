import type { Command, EngineEvent, EngineState } from "../engine/index";
import type { SubmitResult } from "./host";

/**
 * Simulated confirmation of portal clients' deposits (COL-2).
 *
 * A client's deposit reaches the engine as a notice (`Deposit`, pending: shown but never counted as
 * margin). On a real venue it is settled when the bank credit arrives or the on-chain transfer is
 * final. This venue is simulated, so the engine's host plays that part: a portal client's deposit is
 * settled (`SettleDeposit`) once it has been pending for CLIENT_DEPOSIT_CONFIRMATION_MS of engine
 * time. The engine re-checks eligibility at settlement; a refusal leaves the deposit pending and is
 * retried after another confirmation period (a suspended asset may be reinstated).
 */

/** Engine account ids the portal gives its clients start here; lower ids are the simulation's own (lib/simulation/market/config.ts). */
export const PORTAL_CLIENT_ACCOUNT_BASE_ID = 1_000_000;

export function isPortalClientAccount(accountId: number): boolean {
  return accountId >= PORTAL_CLIENT_ACCOUNT_BASE_ID;
}

/** How long a portal client's deposit stays pending before the simulated confirmation settles it, ms of engine time. */
export const CLIENT_DEPOSIT_CONFIRMATION_MS = 10_000;

/** How often the host looks for deposits that are due, wall ms. */
const CHECK_EVERY_MS = 1_000;

export interface DepositConfirmationStatus {
  /** Engine time of the deposit notice. */
  pendingSinceMs: number;
  /** Engine time from which the next settlement attempt is made. */
  confirmsAtMs: number;
  /** The engine's answer to the last settlement attempt, when it refused. */
  refusal: { code: string; message: string } | null;
}

interface Tracked extends DepositConfirmationStatus {
  inFlight: boolean;
}

export interface DepositConfirmationOptions {
  delayMs?: number;
  /** Engine time the next command will carry (the host clock). */
  now: () => number;
  submit: (command: Command) => Promise<SubmitResult>;
  log?: (message: string) => void;
}

export class DepositConfirmations {
  readonly delayMs: number;
  private readonly tracked = new Map<string, Tracked>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: DepositConfirmationOptions) {
    this.delayMs = options.delayMs ?? CLIENT_DEPOSIT_CONFIRMATION_MS;
  }

  /**
   * Pick up the portal clients' deposits still pending in a (re)opened engine. Their notice times
   * come from the journal (`noticeTimes`); one the journal cannot date waits a full period from now.
   */
  async restore(state: EngineState, noticeTimes: (depositIds: string[]) => Promise<Map<string, number>>): Promise<void> {
    this.tracked.clear();
    const ids = [...state.deposits.values()]
      .filter((deposit) => !deposit.settled && isPortalClientAccount(deposit.accountId))
      .map((deposit) => deposit.depositId);
    const times = ids.length ? await noticeTimes(ids) : new Map<string, number>();
    for (const id of ids) this.track(id, times.get(id) ?? this.options.now());
  }

  /** Follow committed events: client deposit notices start their wait, settlements end it. */
  observe(events: readonly EngineEvent[]): void {
    for (const event of events) {
      if (event.type === "DepositPending" && isPortalClientAccount(event.accountId)) this.track(event.depositId, event.nowMs);
      else if (event.type === "DepositSettled") this.tracked.delete(event.depositId);
    }
  }

  status(depositId: string): DepositConfirmationStatus | undefined {
    const entry = this.tracked.get(depositId);
    return entry && { pendingSinceMs: entry.pendingSinceMs, confirmsAtMs: entry.confirmsAtMs, refusal: entry.refusal };
  }

  /** Submit a settlement for every deposit whose confirmation time has come. */
  settleDue(): Promise<void> {
    const now = this.options.now();
    const due = [...this.tracked.entries()].filter(([, entry]) => !entry.inFlight && entry.confirmsAtMs <= now);
    return Promise.all(due.map(([depositId, entry]) => this.settle(depositId, entry))).then(() => undefined);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.settleDue(), CHECK_EVERY_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private track(depositId: string, sinceMs: number): void {
    this.tracked.set(depositId, { pendingSinceMs: sinceMs, confirmsAtMs: sinceMs + this.delayMs, refusal: null, inFlight: false });
  }

  private async settle(depositId: string, entry: Tracked): Promise<void> {
    entry.inFlight = true;
    try {
      const result = await this.options.submit({ type: "SettleDeposit", nowMs: 0, depositId });
      if (result.accepted || result.code === "DEPOSIT_ALREADY_SETTLED" || result.code === "UNKNOWN_DEPOSIT") {
        this.tracked.delete(depositId);
        return;
      }
      entry.refusal = { code: result.code, message: result.message };
      entry.confirmsAtMs = this.options.now() + this.delayMs;
      this.options.log?.(`deposit ${depositId} not settled: ${result.code} ${result.message}; retrying after another confirmation period`);
    } catch (error) {
      // The host is stopping or recovering; the next check tries again.
      this.options.log?.(`deposit ${depositId} settlement failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      entry.inFlight = false;
    }
  }
}
