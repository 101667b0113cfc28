/** One server-sent event as a test reads it: the fields it carried (comment-only blocks have none). */
export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * The events of a text/event-stream body, in order, as they arrive: blocks end at a blank line, and
 * the id, event and data fields are read (several data lines joined with newlines, as EventSource
 * does). Leaving the loop early cancels the body, which closes the server's side of the stream.
 */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event: SseEvent = {};
        for (const line of block.split("\n")) {
          const [field, ...rest] = line.split(": ");
          const text = rest.join(": ");
          if (field === "id" || field === "event") event[field] = text;
          else if (field === "data") event.data = event.data === undefined ? text : `${event.data}\n${text}`;
        }
        yield event;
      }
    }
  } finally {
    // An aborted request has already errored the body; cancelling it then only repeats that error.
    await reader.cancel().catch(() => undefined);
  }
}
