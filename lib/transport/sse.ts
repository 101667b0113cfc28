/**
 * Server-Sent Events from a route handler. Headers keep proxies and compression from buffering the
 * stream; a comment line every 15 s keeps idle connections open; and each connection has a bound:
 * a client that stops reading is dropped once its unread backlog passes `maxBacklogBytes`, so a
 * slow reader costs a fixed amount of memory, never more.
 */

/** Defaults: a heartbeat comment this often, and the most unread bytes a connection may hold. */
export const SSE_HEARTBEAT_MS = 15_000;
export const SSE_MAX_BACKLOG_BYTES = 1_000_000;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "Content-Encoding": "none",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

export interface SseSink {
  send(event: string, data: unknown, id?: number): boolean;
  /** Send a frame already encoded by `encodeFrame` (fan-out encodes each message once, not per client). */
  sendFrame(frame: Uint8Array): boolean;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

export interface SseOptions {
  heartbeatMs?: number;
  maxBacklogBytes?: number;
  onDrop?: (reason: string) => void;
}

/** `start` wires the sink to its sources and returns the cleanup to run when the stream ends. */
export function sseResponse(request: Request, start: (sink: SseSink) => (() => void) | Promise<() => void>, options: SseOptions = {}): Response {
  const encoder = new TextEncoder();
  const maxBacklog = options.maxBacklogBytes ?? SSE_MAX_BACKLOG_BYTES;
  let cleanup: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  const finish = (reason?: string) => {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    cleanup?.();
    if (reason) options.onDrop?.(reason);
    try {
      controllerRef?.close();
    } catch {
      // already closed by the client
    }
  };

  const enqueueBytes = (bytes: Uint8Array): boolean => {
    if (closed || !controllerRef) return false;
    // desiredSize counts down as bytes wait unread; past the bound the reader is too slow.
    if ((controllerRef.desiredSize ?? 0) < -maxBacklog) {
      finish("slow client: unread backlog over the per-connection bound");
      return false;
    }
    controllerRef.enqueue(bytes);
    return true;
  };
  const enqueue = (text: string): boolean => enqueueBytes(encoder.encode(text));

  const sink: SseSink = {
    send(event, data, id) {
      return enqueueBytes(encodeFrame(event, data, id));
    },
    sendFrame(frame) {
      return enqueueBytes(frame);
    },
    comment(text) {
      enqueue(`: ${text}\n\n`);
    },
    close() {
      finish();
    },
    get closed() {
      return closed;
    },
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        controllerRef = controller;
        request.signal.addEventListener("abort", () => finish(), { once: true });
        enqueue("retry: 2000\n\n");
        heartbeat = setInterval(() => sink.comment("ping"), options.heartbeatMs ?? SSE_HEARTBEAT_MS);
        try {
          const stop = await start(sink);
          if (closed) stop();
          else cleanup = stop;
        } catch (error) {
          sink.send("error", { message: error instanceof Error ? error.message : String(error) });
          finish();
        }
      },
      cancel() {
        finish();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return new Response(body, { headers: SSE_HEADERS });
}

const frameEncoder = new TextEncoder();

/** One SSE frame as bytes: `id:` (when given), `event:` and a single-line JSON `data:`. */
export function encodeFrame(event: string, data: unknown, id?: number): Uint8Array {
  const idLine = id === undefined ? "" : `id: ${id}\n`;
  return frameEncoder.encode(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The client's resume point as sent: the Last-Event-ID header EventSource sends, or ?lastEventId= (tools, and a reopened stream). */
export function lastEventIdText(request: Request): string | null {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return raw === null || raw.trim() === "" || raw.length > 2_000 ? null : raw;
}

/** The client's resume point as a journal seq (a single market's stream). */
export function lastEventId(request: Request): number | null {
  const raw = lastEventIdText(request);
  if (raw === null) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id >= 0 ? id : null;
}
