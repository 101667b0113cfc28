import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
// @ts-expect-error -- plain JavaScript module shared with scripts/serve.mjs, which runs without a TypeScript loader
import { createAdmissionGate, isGated } from "./admission-gate.mjs";

class FakeResponse extends EventEmitter {
  headersSent = false;
  destroyed = false;
  writableEnded = false;
  status = 0;
  headers: Record<string, string> = {};
  body = "";
  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    this.headersSent = true;
  }
  end(body = "") {
    this.body = body;
    this.writableEnded = true;
    this.emit("close");
  }
  abort() {
    this.destroyed = true;
    this.emit("close");
  }
}

interface Gate {
  admit(response: FakeResponse, run: () => void): void;
  stats(): { inFlight: number; waiting: number };
}
const gate = (overrides: Partial<{ concurrency: number; maxWaiting: number; maxWaitMs: number }> = {}): Gate =>
  createAdmissionGate({ concurrency: 2, maxWaiting: 3, maxWaitMs: 1_000, retryAfterSeconds: 5, ...overrides });

describe("public API admission gate (a flood of anonymous requests cannot stall the server)", () => {
  it("gates the public API but never the event stream or other routes", () => {
    expect(isGated("/api/public/markets/BTC-PERP/at?seq=5")).toBe(true);
    expect(isGated("/api/public/insurance-fund")).toBe(true);
    expect(isGated("/api/public/markets/BTC-PERP/stream")).toBe(false);
    expect(isGated("/api/public/markets/BTC-PERP/stream?x=1")).toBe(false);
    expect(isGated("/api/public/markets/BTC-PERP/streamer")).toBe(true);
    expect(isGated("/api/health")).toBe(false);
    expect(isGated("/disclosures/markets")).toBe(false);
  });

  it("lets `concurrency` requests in, queues the rest in arrival order, and starts the next as each response closes", () => {
    const g = gate();
    const started: number[] = [];
    const responses = Array.from({ length: 5 }, () => new FakeResponse());
    responses.forEach((response, i) => g.admit(response, () => started.push(i)));
    expect(started).toEqual([0, 1]);
    expect(g.stats()).toEqual({ inFlight: 2, waiting: 3 });
    responses[1].end();
    expect(started).toEqual([0, 1, 2]);
    responses[0].end();
    responses[2].end();
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses with 503 and Retry-After when the queue is full, without running the request", () => {
    const g = gate();
    const run = vi.fn();
    for (let i = 0; i < 5; i++) g.admit(new FakeResponse(), () => {});
    const refused = new FakeResponse();
    g.admit(refused, run);
    expect(run).not.toHaveBeenCalled();
    expect(refused.status).toBe(503);
    expect(refused.headers["Retry-After"]).toBe("5");
    expect(JSON.parse(refused.body)).toMatchObject({ code: "PUBLIC_API_BUSY" });
  });

  it("refuses a request that waited too long, and forgets a client that went away while waiting", () => {
    vi.useFakeTimers();
    try {
      const g = gate({ concurrency: 1 });
      g.admit(new FakeResponse(), () => {});
      const gone = new FakeResponse();
      const slow = new FakeResponse();
      const goneRun = vi.fn();
      g.admit(gone, goneRun);
      g.admit(slow, () => {});
      gone.abort();
      expect(g.stats().waiting).toBe(1);
      vi.advanceTimersByTime(1_000);
      expect(slow.status).toBe(503);
      expect(g.stats()).toEqual({ inFlight: 1, waiting: 0 });
      expect(goneRun).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it("a handler that throws synchronously frees its place", () => {
    const g = gate({ concurrency: 1 });
    expect(() =>
      g.admit(new FakeResponse(), () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    const run = vi.fn();
    g.admit(new FakeResponse(), run);
    expect(run).toHaveBeenCalled();
  });
});
