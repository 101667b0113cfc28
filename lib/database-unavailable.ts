/**
 * Whether an error means the database cannot be reached or does not answer (an outage, a restart, a
 * full connection pool), as opposed to a fault in the request or the code. Transports answer the
 * former with 503 and a plain message; the driver's details go to the server log only.
 */

/** Prisma's codes for "could not reach / lost / timed out waiting for the database". */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

/** @prisma/adapter-pg's kinds for the same, under meta.driverAdapterError.cause. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
]);

/** Node socket errors, when the pg driver's error reaches us unwrapped. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH"]);

/** What pg says when a connection dies or the pool cannot get one (no code on these). */
const PG_MESSAGES = ["Connection terminated", "timeout exceeded when trying to connect", "Can't reach database server"];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === "object" && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code, meta, message } = e as {
      name?: unknown;
      code?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
      message?: unknown;
    };
    if (name === "PrismaClientInitializationError") return true;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isConnectionState(code))) return true;
    const cause = meta?.driverAdapterError?.cause;
    if (typeof cause?.kind === "string" && ADAPTER_KINDS.has(cause.kind)) return true;
    if (typeof cause?.originalCode === "string" && isConnectionState(cause.originalCode)) return true;
    if (typeof message === "string" && PG_MESSAGES.some((text) => message.includes(text))) return true;
  }
  return false;
}

/** PostgreSQL's SQLSTATE classes "connection exception" (08…) and "operator intervention" (57P…: shutting down, starting up). */
function isConnectionState(code: string): boolean {
  return /^(08\w{3}|57P\w{2})$/.test(code);
}

/** What a client is told while the database is unavailable. */
export const DATABASE_UNAVAILABLE_MESSAGE = "Temporarily unavailable: the database does not answer. Try again in a moment.";

/** The 503 answer of a route handler: the plain message for the client, the driver's words in the server log only. */
export function databaseUnavailable(request: Request, error: unknown): Response {
  console.error(`${request.method} ${new URL(request.url).pathname}: database unavailable:`, error instanceof Error ? error.message : error);
  return Response.json({ error: DATABASE_UNAVAILABLE_MESSAGE, code: "DATABASE_UNAVAILABLE" }, { status: 503, headers: { "Retry-After": "5" } });
}
