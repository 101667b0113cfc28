// Paint first, then hydrate. Next puts every client chunk in the document's <head> as an async
// script; each one that arrives runs (parse, compile, hydration) before the browser has painted the
// server-rendered page, and on these pages that put first paint at about twice the time of the same
// HTML without scripts (the pages benchmark). This rewrites each HTML document's head so the chunks
// are fetched at once (low-priority preloads) but only run after the first frame has been painted:
// what a reader sees arrives as soon as the HTML and CSS allow, and the page becomes live a frame
// later. A hidden tab (nothing to paint) loads them at once; a frame that never comes (a throttled
// tab) is waited for at most LOAD_ANYWAY_MS.
//
// The rewrite is byte-level on Next's own markup: a document whose head does not look as expected
// is passed through unchanged (the pages still work, only earlier painted). A test fails when a
// built page stops being rewritten (scripts/paint-first.test.ts, e2e/start-up.spec.ts).
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";

const LOAD_ANYWAY_MS = 1_000;
/** A head larger than this is not Next's: pass the document through untouched. */
const MAX_HEAD_BYTES = 256 * 1024;
const CHUNK_SCRIPT = /<script src="(\/_next\/static\/[^"]+\.js)" async="" nonce="([^"]*)"><\/script>/g;

/**
 * The document head with Next's async chunk scripts replaced by preloads plus one loader that adds
 * them after the first paint; null when there is nothing to rewrite (no chunk scripts, or scripts
 * carrying different nonces, which would mean markup this function was not written for).
 */
export function rewriteHead(head) {
  const found = [...head.matchAll(CHUNK_SCRIPT)];
  if (found.length === 0) return null;
  const nonce = found[0][2];
  if (found.some((match) => match[2] !== nonce)) return null;
  const sources = found.map((match) => match[1]);
  const preloads = sources.map((src) => `<link rel="preload" as="script" fetchpriority="low" href="${src}" nonce="${nonce}"/>`).join("");
  // No "</" can occur in the JSON: every source matched [^"]+ under /_next/static/ and ends in .js.
  const loader =
    `<script nonce="${nonce}">(function(s){var d=0;function l(){if(d)return;d=1;s.forEach(function(u){` +
    `var e=document.createElement("script");e.src=u;e.async=true;document.head.appendChild(e)})}` +
    `if(document.visibilityState!=="visible"){l()}else{requestAnimationFrame(function(){setTimeout(l,0)});setTimeout(l,${LOAD_ANYWAY_MS})}` +
    `})(${JSON.stringify(sources)})</script>`;
  let first = true;
  return head.replace(CHUNK_SCRIPT, () => {
    if (!first) return "";
    first = false;
    return preloads + loader;
  });
}

/** A GET for a page the browser will show (not an RSC fetch, asset or API call). */
export function isDocumentRequest(request) {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.headers["rsc"] !== undefined) return false;
  const dest = request.headers["sec-fetch-dest"];
  if (dest !== undefined) return dest === "document";
  return String(request.headers["accept"] ?? "").includes("text/html");
}

/**
 * Wraps a document request's response so its HTML head is rewritten (rewriteHead) and the body
 * gzip-compressed here when the client accepts it. The caller must strip the request's
 * accept-encoding before Next sees it, so Next sends plain text this can read.
 */
export function paintFirstResponse(response, { gzip }) {
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  const writeHead = response.writeHead.bind(response);
  let mode = null; // "html" | "pass", decided at the first byte
  let head = "";
  let headDone = false;
  let compressor = null;
  // A character split between two chunks (Chinese text is three bytes a character) stays whole.
  const decoder = new StringDecoder("utf8");

  const decide = () => {
    if (mode) return;
    const type = String(response.getHeader("content-type") ?? "");
    const encoded = response.getHeader("content-encoding") !== undefined;
    mode = type.startsWith("text/html") && !encoded && !response.headersSent ? "html" : "pass";
    if (mode !== "html") return;
    response.removeHeader("content-length");
    if (gzip && response.statusCode !== 204 && response.statusCode !== 304) {
      response.setHeader("content-encoding", "gzip");
      compressor = zlib.createGzip();
      compressor.on("data", (data) => write(data));
    }
  };
  const emit = (text) => {
    if (text.length === 0) return;
    if (compressor) {
      compressor.write(text);
      // Streamed pages (Suspense) send their parts as they are ready: keep each part whole on the wire.
      compressor.flush(zlib.constants.Z_SYNC_FLUSH);
    } else write(text);
  };
  const take = (chunk) => {
    const text = typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk));
    if (headDone) return emit(text);
    head += text;
    const close = head.indexOf("</head>");
    if (close === -1 && head.length < MAX_HEAD_BYTES) return;
    headDone = true;
    const cut = close === -1 ? head.length : close;
    const rewritten = rewriteHead(head.slice(0, cut));
    emit((rewritten ?? head.slice(0, cut)) + head.slice(cut));
    head = "";
  };
  const finish = (callback) => {
    const rest = decoder.end();
    if (headDone) emit(rest);
    else head += rest;
    if (!headDone && head.length > 0) {
      headDone = true;
      emit(head);
    }
    if (compressor) {
      compressor.on("end", () => end(callback));
      compressor.end();
    } else end(callback);
  };

  // Next sends its headers before the first byte (flushHeaders, which Node sends through writeHead):
  // the choice is made there, while the encoding and length can still change.
  response.writeHead = (status, reason, headers) => {
    const fields = typeof reason === "string" ? headers : reason;
    if (Array.isArray(fields)) {
      mode = mode ?? "pass";
      return writeHead(status, reason, headers);
    }
    if (fields) for (const [name, value] of Object.entries(fields)) response.setHeader(name, value);
    response.statusCode = status;
    decide();
    return typeof reason === "string" ? writeHead(status, reason) : writeHead(status);
  };
  response.write = (chunk, encoding, callback) => {
    decide();
    if (mode !== "html") return write(chunk, encoding, callback);
    take(chunk);
    if (typeof encoding === "function") encoding();
    else if (typeof callback === "function") callback();
    return true;
  };
  response.end = (chunk, encoding, callback) => {
    decide();
    if (mode !== "html") return end(chunk, encoding, callback);
    if (typeof chunk === "function") return (finish(chunk), response);
    if (chunk !== undefined && chunk !== null) take(chunk);
    finish(typeof encoding === "function" ? encoding : callback);
    return response;
  };
  return response;
}

/** Whether the client takes gzip (the only encoding this server writes itself). */
export function acceptsGzip(request) {
  return /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
}
