import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { apply, parseCanonical, restore, stateHash, canonicalJson, type Command, type EngineEvent } from "../lib/engine/index";
import { createPrismaClient } from "../lib/prisma-client";
import { EngineJournal } from "../lib/simulation/journal";
import { freePort } from "./db/embedded";
import { applyMigrations, REPO_ROOT, type DatabaseTarget } from "./db/migrations";

/**
 * Kill the standalone engine with SIGKILL at random points — some of them while a
 * liquidation cascade is being journaled — restart it, and at the end check that the state it
 * recovered equals an uninterrupted replay of the journal, and that every order it acknowledged is
 * in the journal. The engine runs accelerated so a flash crash plays out in a second or two.
 */

export interface CrashOptions {
  target: DatabaseTarget;
  kills: number;
  seed: number;
  speed?: number;
  log?: (message: string) => void;
}

export interface CrashReport {
  kills: number;
  killsDuringCascade: number;
  acknowledgedOrders: number;
  missingAcknowledged: number[];
  journalPositions: number;
  recoveredHash: string;
  replayedHash: string;
  identical: boolean;
}

const CLIENT_ACCOUNT = 5_000_001;

export async function runCrashHarness(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? (() => {});
  const secret = crypto.randomBytes(24).toString("base64url");
  await applyMigrations(options.target);
  const prisma = createPrismaClient(options.target.url, options.target.schema);
  const journal = new EngineJournal(prisma);
  const random = lcg(options.seed);
  const acknowledged = new Set<number>();
  let killsDuringCascade = 0;

  try {
    for (let run = 0; run < options.kills; run++) {
      const engine = await startEngine(options, secret);
      try {
        if (run === 0) await fundClient(engine);
        const cascade = run % 3 === 1;
        const liquidationsBefore = cascade ? await prisma.engineEvent.count({ where: { type: "LiqStageEntered" } }) : 0;
        if (cascade) {
          const injected = await engine.call<{ ok: boolean; errors?: string[] }>("/scenarios", {
            input: { type: "flash-crash", market: "BTC-PERP", dropPct: 30, durationSec: 40, recoverSec: 0 },
            requestedBy: "crash-harness",
          });
          if (!injected.ok) throw new Error(`scenario rejected: ${injected.errors?.join("; ")}`);
        }
        const killAt = Date.now() + (cascade ? 8_000 : 200 + Math.floor(random() * 2_300));
        let sawCascade = false;
        const trading = tradeUntil(engine, () => Date.now() >= killAt || sawCascade, acknowledged, random);
        if (cascade) {
          while (Date.now() < killAt) {
            const now = await prisma.engineEvent.count({ where: { type: "LiqStageEntered" } });
            if (now > liquidationsBefore) {
              sawCascade = true;
              break;
            }
            await sleep(50);
          }
        }
        if (!cascade) await sleep(Math.max(0, killAt - Date.now()));
        engine.kill();
        await trading.catch(() => {});
        if (sawCascade) killsDuringCascade++;
        log(
          `kill ${run + 1}/${options.kills}${cascade ? (sawCascade ? " (during a liquidation cascade)" : " (no cascade seen before the deadline)") : ""}; ${acknowledged.size} orders acknowledged so far`,
        );
      } finally {
        engine.kill();
        await engine.exited;
      }
    }

    const last = await startEngine(options, secret);
    const status = await last.call<{ hash: string; position: number }>("/status");
    await last.stop();

    const genesis = await journal.genesis();
    if (!genesis) throw new Error("the journal has no genesis snapshot");
    const replayed = restore(genesis.snapshot);
    const journaledOrders = new Set<number>();
    let positions = 0;
    for await (const row of journal.commandsAfter(0)) {
      if (row.command.type === "PlaceOrder") journaledOrders.add(row.command.orderId);
      // The recovered engine keeps stepping (a Tick every 250 ms) until SIGTERM reaches it, so the
      // journal may hold a command or two past the /status it answered: its state is compared with
      // the replay of exactly the positions it had applied.
      if (row.position > status.position) continue;
      const result = apply(replayed, row.command);
      if (result.rejection) throw new Error(`journal position ${row.position} rejected on replay: ${result.rejection.code}`);
      positions = row.position;
    }
    const replayedHash = stateHash(replayed);
    const missing = [...acknowledged].filter((orderId) => !journaledOrders.has(orderId));
    return {
      kills: options.kills,
      killsDuringCascade,
      acknowledgedOrders: acknowledged.size,
      missingAcknowledged: missing,
      journalPositions: positions,
      recoveredHash: status.hash,
      replayedHash,
      identical: status.hash === replayedHash && status.position === positions,
    };
  } finally {
    await prisma.$disconnect();
  }
}

interface RunningEngine {
  call<T>(route: string, body?: unknown): Promise<T>;
  kill(): void;
  stop(): Promise<void>;
  exited: Promise<void>;
}

async function startEngine(options: CrashOptions, secret: string): Promise<RunningEngine> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/engine-process.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.target.url,
      DATABASE_SCHEMA: options.target.schema,
      ENGINE_PORT: String(port),
      AUTH_SECRET: secret,
      SIMULATION_SPEED: String(options.speed ?? 20),
      SIMULATION_SEED: String(options.seed),
      PORTAL_MODE: "demo",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const call = async <T>(route: string, body?: unknown): Promise<T> => {
    const response = await fetch(url + route, {
      method: body === undefined ? "GET" : "POST",
      headers: { "x-engine-secret": secret, "content-type": "application/json" },
      body: body === undefined ? undefined : canonicalJson(body),
    }).catch(async (error) => {
      await sleep(200);
      const state =
        child.exitCode !== null || child.signalCode !== null ? `the engine exited (${child.exitCode ?? child.signalCode})` : "the engine is running";
      throw new Error(`${route}: ${error instanceof Error ? error.message : error}; ${state}; its output:\n${output.slice(-3_000)}`);
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${route}: ${response.status} ${text}`);
    return parseCanonical<T>(text);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the engine exited during start-up:\n${output}`);
    try {
      await call("/status");
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`the engine did not answer within 90 s:\n${output}`);
      }
      await sleep(100);
    }
  }
  return {
    call,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
    exited,
  };
}

async function fundClient(engine: RunningEngine) {
  const commands: Command[] = [
    { type: "CreateAccount", nowMs: 0, accountId: CLIENT_ACCOUNT, kind: "client" },
    { type: "Deposit", nowMs: 0, accountId: CLIENT_ACCOUNT, depositId: "crash-client-1", assetId: "USD", amountMinor: 100_000_000n },
    { type: "SettleDeposit", nowMs: 0, depositId: "crash-client-1" },
  ];
  for (const command of commands) {
    const result = await engine.call<{ accepted: boolean; code?: string }>("/commands", { command, source: "client" });
    if (!result.accepted) throw new Error(`${command.type} rejected: ${result.code}`);
  }
}

/** Place small resting orders near the touch until told to stop; remember every acknowledged one. */
async function tradeUntil(engine: RunningEngine, done: () => boolean, acknowledged: Set<number>, random: () => number) {
  while (!done()) {
    const status = await engine.call<{ markets: Array<{ market: string; mark: number; bestBid: number; bestAsk: number }> }>("/status");
    const btc = status.markets.find((market) => market.market === "BTC-PERP");
    if (!btc || btc.mark <= 0) {
      await sleep(50);
      continue;
    }
    const side = random() < 0.5 ? "buy" : "sell";
    const away = 50 + Math.floor(random() * 200);
    const price = side === "buy" ? btc.mark - away : btc.mark + away;
    const command: Command = {
      type: "PlaceOrder",
      nowMs: 0,
      accountId: CLIENT_ACCOUNT,
      orderId: 0,
      market: "BTC-PERP",
      side,
      orderType: "limit",
      price,
      size: 1,
      tif: "GTC",
    };
    const result = await engine.call<{ accepted: boolean; events?: EngineEvent[] }>("/commands", { command, source: "client" });
    if (result.accepted) {
      const accepted = result.events?.find((event) => event.type === "OrderAccepted");
      if (accepted && accepted.type === "OrderAccepted") acknowledged.add(accepted.orderId);
    }
  }
}

function lcg(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
