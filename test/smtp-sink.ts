import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

/**
 * A real SMTP server on a loopback port, for the outbox's tests and benchmark. It counts only the
 * messages it acknowledged with 250, as a receiving mail system does: a transaction whose client
 * went away before the reply is discarded. Modes:
 * - accept: reply 250 at once;
 * - hold: read the message, then keep the reply back until `release()` (a worker can be killed while
 *   it waits for it);
 * - reject: answer DATA with the given reply (e.g. 451, a temporary failure).
 */

export interface ReceivedMail {
  messageId: string;
  /** The envelope's recipients. */
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export type SinkMode = { kind: "accept" } | { kind: "hold" } | { kind: "reject"; code: number; message: string };

interface Held {
  session: SMTPServerSession;
  raw: Buffer;
  reply: (error?: Error | null) => void;
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Acknowledged messages, in the order they were acknowledged. */
  received: ReceivedMail[];
  /** Messages read whose reply is held back. */
  readonly heldCount: number;
  /** DATA transactions answered with a rejection. */
  readonly rejectedCount: number;
  /** Connections currently open. */
  readonly openConnections: number;
  setMode(mode: SinkMode): void;
  /** Acknowledges the held messages whose client is still connected; the others are discarded. */
  release(): Promise<void>;
  /** How many acknowledged messages carry each Message-ID. */
  countsByMessageId(): Map<string, number>;
  waitFor(condition: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSmtpSink({ parse = true }: { parse?: boolean } = {}): Promise<SmtpSink> {
  let mode: SinkMode = { kind: "accept" };
  const received: ReceivedMail[] = [];
  let held: Held[] = [];
  let rejected = 0;
  const open = new Set<string>();

  const accept = async (session: SMTPServerSession, raw: Buffer) => {
    const envelope = { to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "" };
    if (!parse) {
      // The benchmark's fast path: the Message-ID header only.
      const head = raw.subarray(0, raw.indexOf("\r\n\r\n")).toString("latin1");
      const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? "";
      received.push({ messageId, ...envelope, subject: "", text: "" });
      return;
    }
    const mail = await simpleParser(raw);
    received.push({ messageId: mail.messageId ?? "", ...envelope, subject: mail.subject ?? "", text: mail.text ?? "" });
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    disableReverseLookup: true,
    size: 1024 * 1024,
    onConnect(session, callback) {
      open.add(session.id);
      callback();
    },
    onClose(session) {
      open.delete(session.id);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const current = mode;
        if (current.kind === "reject") {
          rejected++;
          callback(Object.assign(new Error(current.message), { responseCode: current.code }));
        } else if (current.kind === "hold") {
          held.push({ session, raw, reply: callback });
        } else {
          accept(session, raw).then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        }
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;

  const sink: SmtpSink = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    get heldCount() {
      return held.length;
    },
    get rejectedCount() {
      return rejected;
    },
    get openConnections() {
      return open.size;
    },
    setMode(next) {
      mode = next;
    },
    async release() {
      const waiting = held;
      held = [];
      for (const message of waiting) {
        if (!open.has(message.session.id)) continue;
        await accept(message.session, message.raw);
        message.reply();
      }
    },
    countsByMessageId() {
      const counts = new Map<string, number>();
      for (const mail of received) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
      return counts;
    },
    async waitFor(condition, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error("smtp sink: timed out waiting");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sink;
}
