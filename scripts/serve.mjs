// The portal's HTTP server: Next's production request handler behind a node:http server that records
// each request's TCP peer in x-portal-peer (lib/transport/client-address.ts), overwriting whatever a
// client sent under that name. `next start` cannot do this: it keeps a client's own X-Forwarded-For,
// so rate limits keyed on it could be dodged by rotating the header. It answers a request whose
// Content-Length is over MAX_REQUEST_BODY_BYTES with 413 at once, without reading the body, and
// passes public API requests through an admission gate (scripts/admission-gate.mjs), so a flood of
// them cannot stall the rest. Pages are painted before their scripts run (scripts/paint-first.mjs),
// and the build's scripts and stylesheets come from memory (scripts/static-assets.mjs).
//
// Usage: node scripts/serve.mjs [--port N] [--hostname H]   (PORT is the default port)
// Plain JavaScript so it runs without a TypeScript loader in front of Next's own.
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import limits from "../lib/transport/public-api-admission.json" with { type: "json" };
import { MAX_REQUEST_BODY_BYTES, oversizedRequestAnswer } from "../lib/request-limits.mjs";
import { createAdmissionGate, isGated } from "./admission-gate.mjs";
import { acceptsGzip, isDocumentRequest, paintFirstResponse } from "./paint-first.mjs";
import { createStaticAssets } from "./static-assets.mjs";

const PEER_HEADER = "x-portal-peer";
const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
const dir = path.resolve(import.meta.dirname, "..");

const app = next({ dev: false, dir, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const publicApiGate = createAdmissionGate(limits);
const serveStatic = createStaticAssets(path.join(dir, ".next", "static"));

const server = http.createServer((request, response) => {
  // A body that announces more than the portal reads is refused before Next buffers any of it.
  if (Number(request.headers["content-length"] ?? 0) > MAX_REQUEST_BODY_BYTES) {
    const answer = oversizedRequestAnswer((request.url ?? "/").split("?")[0], Number(request.headers["content-length"]));
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
    // Node discards the unread body so that the client, still sending, reads this answer rather than
    // a reset; a client that keeps sending far past what it announced is cut off.
    let discarded = 0;
    request.on("data", (chunk) => {
      discarded += chunk.length;
      if (discarded > 8 * MAX_REQUEST_BODY_BYTES) request.socket.destroy();
    });
    return;
  }
  if (serveStatic(request, response)) return;
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
  if (isDocumentRequest(request)) {
    // Next would compress the page; it must come here as text to be rewritten, and is compressed after.
    const gzip = acceptsGzip(request);
    delete request.headers["accept-encoding"];
    paintFirstResponse(response, { gzip });
  }
  const serve = () =>
    handle(request, response).catch((error) => {
      console.error("request failed", error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end("Internal error");
    });
  if (isGated(request.url)) publicApiGate.admit(response, serve);
  else serve();
});
// Node closes an idle kept-alive connection after 5 s, and a client that reuses it in that instant
// gets ECONNRESET (seen from API clients between two requests): idle connections last longer than
// clients usually keep them, so the client is the one that lets go.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => console.log(`[portal] listening on http://${hostname ?? "localhost"}:${port}`));

// Open event streams would keep close() waiting for ever: end them, run the portal's before-exit
// hooks (lib/exit-hooks.ts: the last signed audit checkpoint), then exit.
const stop = () => {
  server.close(() => void runExitHooks().finally(() => process.exit(0)));
  server.closeAllConnections();
};

async function runExitHooks() {
  const hooks = globalThis[Symbol.for("portal.beforeExit")] ?? [];
  const giveUp = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
  await Promise.race([Promise.allSettled(hooks.map((hook) => hook())), giveUp]);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
