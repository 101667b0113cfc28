// The portal's HTTP server: Next's production request handler behind a node:http server that records
// each request's TCP peer in x-portal-peer (lib/transport/client-address.ts), overwriting whatever a
// client sent under that name. `next start` cannot do this: it keeps a client's own X-Forwarded-For,
// so rate limits keyed on it could be dodged by rotating the header. It also answers a request whose
// Content-Length is over MAX_REQUEST_BODY_BYTES with 413 at once, without reading the body.
//
// Usage: node scripts/serve.mjs [--port N] [--hostname H]   (PORT is the default port)
// Plain JavaScript so it runs without a TypeScript loader in front of Next's own.
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { MAX_REQUEST_BODY_BYTES } from "../lib/transport/request-limits.mjs";

const PEER_HEADER = "x-portal-peer";
const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
const dir = path.resolve(import.meta.dirname, "..");

const app = next({ dev: false, dir, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  // A body that announces more than the portal reads is refused before Next buffers any of it.
  if (Number(request.headers["content-length"] ?? 0) > MAX_REQUEST_BODY_BYTES) {
    response.writeHead(413, { "content-type": "text/plain; charset=utf-8" });
    response.end(`The request is larger than ${MAX_REQUEST_BODY_BYTES / (1024 * 1024)} MB; nothing was changed.`);
    // Node discards the unread body so that the client, still sending, reads this answer rather than
    // a reset; a client that keeps sending far past what it announced is cut off.
    let discarded = 0;
    request.on("data", (chunk) => {
      discarded += chunk.length;
      if (discarded > 8 * MAX_REQUEST_BODY_BYTES) request.socket.destroy();
    });
    return;
  }
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
  handle(request, response).catch((error) => {
    console.error("request failed", error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
    response.end("Internal error");
  });
});
server.listen(port, hostname, () => console.log(`[portal] listening on http://${hostname ?? "localhost"}:${port}`));

// Open event streams would keep close() waiting for ever: end them, then exit.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
