import { usdPerHkdFromHkdPerUsd, type Command } from "../engine/index";

/**
 * COL-3: the USD/HKD reference rate the engine values HKD collateral at (SetFxRate). Without it every
 * HKD-denominated asset counts for nothing (FX_RATE_UNAVAILABLE).
 *
 * - Demo mode: a demo table, HKD 7.8 per USD (the centre of the linked exchange rate's 7.75–7.85
 *   band), labelled "demo rate" wherever it is shown; sent when the engine starts and again hourly.
 * - Production: FX_SOURCE_URL, polled every minute: an https JSON feed {"hkdPerUsd":"7.8","asOf":ISO}.
 *   Each answer is checked (time limit, size limit, shape, a plausible rate, not from the future); a
 *   bad or missing answer keeps the last good rate, and the rate is shown stale once it is older than
 *   STALE_AFTER_MS.
 */

export const DEMO_HKD_PER_USD = "7.8";
export const FX_POLL_EVERY_MS = 60_000;
export const FX_FETCH_TIMEOUT_MS = 5_000;
export const FX_MAX_BODY_BYTES = 4_096;
export const STALE_AFTER_MS = 10 * 60_000;
/** An unchanged rate is sent to the engine again after this long (a heartbeat in the journal). */
export const RESEND_UNCHANGED_MS = 60 * 60_000;
/** A rate outside this range is a broken feed, not a market move (the peg band is 7.75–7.85). */
export const HKD_PER_USD_RANGE = { min: 7, max: 9 } as const;

export interface FxQuote {
  hkdPerUsd: string;
  usdPerHkd: bigint;
  /** When the source says the rate was observed (epoch ms). */
  asOfMs: number;
  source: "demo" | "feed";
}

export interface FxStatus {
  quote: FxQuote | null;
  /** The feed's URL, or null for the demo table. */
  sourceUrl: string | null;
  lastAttemptMs: number | null;
  lastError: string | null;
  stale: boolean;
}

export type FxParse = { ok: true; hkdPerUsd: string; asOfMs: number } | { ok: false; problem: string };

/** Check one feed answer. `nowMs` bounds asOf: a rate from more than a minute in the future is refused. */
export function parseFxAnswer(text: string, nowMs: number): FxParse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, problem: "the answer is not JSON" };
  }
  if (typeof body !== "object" || body === null) return { ok: false, problem: "the answer is not a JSON object" };
  const { hkdPerUsd, asOf } = body as { hkdPerUsd?: unknown; asOf?: unknown };
  if (typeof hkdPerUsd !== "string" || !/^\d{1,2}(\.\d{1,9})?$/.test(hkdPerUsd))
    return { ok: false, problem: 'hkdPerUsd must be a decimal string such as "7.8"' };
  const value = Number(hkdPerUsd);
  if (value < HKD_PER_USD_RANGE.min || value > HKD_PER_USD_RANGE.max)
    return { ok: false, problem: `hkdPerUsd ${hkdPerUsd} is outside ${HKD_PER_USD_RANGE.min}–${HKD_PER_USD_RANGE.max}: refused as implausible` };
  const asOfMs = typeof asOf === "string" && asOf.length <= 40 ? Date.parse(asOf) : Number.NaN;
  if (!Number.isFinite(asOfMs)) return { ok: false, problem: "asOf must be an ISO 8601 time" };
  if (asOfMs > nowMs + 60_000) return { ok: false, problem: `asOf ${asOf} is in the future` };
  return { ok: true, hkdPerUsd, asOfMs };
}

/** Fetch the feed once: time-limited, body bounded, checked. */
export async function fetchFxRate(url: string, nowMs: number, fetchImpl: typeof fetch = fetch): Promise<FxParse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FX_FETCH_TIMEOUT_MS);
  try {
    const response = await fetchImpl(url, { signal: controller.signal, redirect: "error", headers: { accept: "application/json" } });
    if (!response.ok) return { ok: false, problem: `the feed answered HTTP ${response.status}` };
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > FX_MAX_BODY_BYTES) return { ok: false, problem: `the answer is ${declared} bytes; at most ${FX_MAX_BODY_BYTES} are read` };
    const reader = response.body?.getReader();
    if (!reader) return { ok: false, problem: "the answer has no body" };
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > FX_MAX_BODY_BYTES) {
        await reader.cancel();
        return { ok: false, problem: `the answer is larger than ${FX_MAX_BODY_BYTES} bytes` };
      }
      chunks.push(value);
    }
    return parseFxAnswer(Buffer.concat(chunks).toString("utf8"), nowMs);
  } catch (error) {
    return {
      ok: false,
      problem: controller.signal.aborted
        ? `no answer within ${FX_FETCH_TIMEOUT_MS} ms`
        : `the feed could not be reached (${error instanceof Error ? error.message : String(error)})`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps the engine's USD/HKD rate current: polls (demo table or feed) and sends SetFxRate at start,
 * a changed rate at once and an unchanged one hourly. The last good quote is kept when a poll
 * fails; `status()` says how old it is.
 */
export class FxFeed {
  private quote: FxQuote | null = null;
  private lastAttemptMs: number | null = null;
  private lastError: string | null = null;
  private sentUsdPerHkd: bigint | null = null;
  private sentAtMs: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly options: {
      /** null: the demo table. */
      url: string | null;
      submit: (command: Command) => Promise<{ accepted: boolean }>;
      now?: () => number;
      fetchImpl?: typeof fetch;
      log?: (message: string) => void;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** One poll: fetch (or take the demo rate) and send it to the engine. */
  async refresh(): Promise<FxStatus> {
    const now = this.now();
    this.lastAttemptMs = now;
    const answer: FxParse =
      this.options.url === null ? { ok: true, hkdPerUsd: DEMO_HKD_PER_USD, asOfMs: now } : await fetchFxRate(this.options.url, now, this.options.fetchImpl);
    if (!answer.ok) {
      if (this.lastError !== answer.problem) this.options.log?.(`FX feed: ${answer.problem}; keeping the last good rate`);
      this.lastError = answer.problem;
      return this.status();
    }
    const usdPerHkd = usdPerHkdFromHkdPerUsd(answer.hkdPerUsd);
    // An unchanged rate is re-sent only now and then, so the journal does not grow a command a minute for nothing.
    const due = this.sentUsdPerHkd !== usdPerHkd || this.sentAtMs === null || now - this.sentAtMs >= RESEND_UNCHANGED_MS;
    if (due) {
      const sent = await this.options.submit({ type: "SetFxRate", nowMs: 0, usdPerHkd });
      if (!sent.accepted) {
        this.lastError = "the engine refused the rate";
        return this.status();
      }
      this.sentUsdPerHkd = usdPerHkd;
      this.sentAtMs = now;
    }
    this.lastError = null;
    this.quote = { hkdPerUsd: answer.hkdPerUsd, usdPerHkd, asOfMs: answer.asOfMs, source: this.options.url === null ? "demo" : "feed" };
    return this.status();
  }

  start(everyMs = FX_POLL_EVERY_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.options.log?.(`FX feed failed: ${String(error)}`)), everyMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  status(): FxStatus {
    return {
      quote: this.quote,
      sourceUrl: this.options.url,
      lastAttemptMs: this.lastAttemptMs,
      lastError: this.lastError,
      stale: this.quote === null || this.now() - this.quote.asOfMs > STALE_AFTER_MS,
    };
  }
}

const slot = globalThis as unknown as { perpsFxFeed?: FxFeed };

/** The feed of this process's engine, for the public collateral page (undefined where this process hosts no engine). */
export function currentFxFeed(): FxFeed | undefined {
  return slot.perpsFxFeed;
}

export function installFxFeed(feed: FxFeed | undefined): void {
  slot.perpsFxFeed = feed;
}
