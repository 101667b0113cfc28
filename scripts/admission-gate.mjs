// Admission control for anonymous public API requests, applied by scripts/serve.mjs before Next sees
// a request. Each public API request costs the web server's one event loop a few milliseconds of
// framework work even when its answer is cached or computed off-thread; fifty arriving at once
// would hold up everything else that loop serves (health checks, signed-in clients, the engine
// host). At most `concurrency` of them are inside Next at a time; the rest wait here, in arrival
// order, costing nothing but a queue slot. A full queue, or a wait past `maxWaitMs`, is answered
// 503 with Retry-After. The event stream is not gated: a stream holds its connection for hours.
//
// Plain JavaScript (serve.mjs runs without a TypeScript loader); the limits are in
// lib/transport/public-api-admission.json, which the public API reference states.

const GATED = /^\/api\/public\/(?!markets\/[^/?]+\/stream(?:[/?]|$))/;

/** Whether a request path goes through the gate. */
export function isGated(url) {
  return GATED.test(url ?? "");
}

/**
 * A FIFO gate: `admit(response, run)` calls `run()` once a slot is free and frees it when
 * the response closes; refuses with 503 when too many wait or the wait is too long.
 */
export function createAdmissionGate({ concurrency, maxWaiting, maxWaitMs, retryAfterSeconds }) {
  let inFlight = 0;
  const waiting = [];

  const start = (response, run) => {
    inFlight += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight -= 1;
      next();
    };
    response.once("close", release);
    try {
      run();
    } catch (error) {
      release();
      throw error;
    }
  };

  const next = () => {
    while (inFlight < concurrency && waiting.length > 0) {
      const entry = waiting.shift();
      clearTimeout(entry.timer);
      entry.response.off("close", entry.onAbort);
      if (entry.response.destroyed || entry.response.writableEnded) continue;
      start(entry.response, entry.run);
    }
  };

  const refuse = (response, message) => {
    if (response.headersSent) return response.end();
    response.writeHead(503, { "Content-Type": "application/json", "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" });
    response.end(JSON.stringify({ error: message, code: "PUBLIC_API_BUSY" }));
  };

  return {
    admit(response, run) {
      if (inFlight < concurrency && waiting.length === 0) return start(response, run);
      if (waiting.length >= maxWaiting)
        return refuse(response, `The public API is busy: ${maxWaiting} requests are already waiting. Retry in ${retryAfterSeconds} s.`);
      const entry = { response, run, timer: undefined, onAbort: undefined };
      entry.onAbort = () => {
        const index = waiting.indexOf(entry);
        if (index >= 0) waiting.splice(index, 1);
        clearTimeout(entry.timer);
      };
      entry.timer = setTimeout(() => {
        entry.onAbort();
        response.off("close", entry.onAbort);
        refuse(response, `The public API is busy: this request waited ${maxWaitMs / 1000} s. Retry in ${retryAfterSeconds} s.`);
      }, maxWaitMs);
      // A response that closes before it was started means the client went away: free its place.
      response.once("close", entry.onAbort);
      waiting.push(entry);
    },
    /** For tests and the health of the gate itself. */
    stats: () => ({ inFlight, waiting: waiting.length }),
  };
}
