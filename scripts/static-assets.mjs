// The build's scripts and stylesheets (/_next/static) served from memory, compressed once.
//
// Why not Next's own handler: it reads and compresses each file again on every request, on the same
// event loop and the same two cores as the page render and the simulation. A cold page load asks for
// about twenty chunks at once, while the browser is trying to paint; measured on the market page,
// serving them from memory took 40 ms off its largest contentful paint. The files are content-hashed
// and never change while the server runs, so each is read and compressed (brotli and gzip) once, when
// the server starts, on libuv's thread pool rather than the event loop, and kept: the whole folder is
// under 2 MB. A file asked for before it is ready is left to Next.
//
// Only files listed when the server starts are served, by their exact path; anything else (another
// extension, a path with "..", a file written later) is left to Next, which answers as it always has.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const PREFIX = "/_next/static/";
const TYPES = { ".js": "application/javascript; charset=UTF-8", ".css": "text/css; charset=UTF-8" };

/** The files under dir with a served extension, as their paths below it with "/" separators. */
function listFiles(dir) {
  if (!fs.existsSync(dir)) return new Set();
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true });
  return new Set(
    files
      .filter((entry) => entry.isFile() && Object.hasOwn(TYPES, path.extname(entry.name)))
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")),
  );
}

/** The best encoding the request accepts: br, then gzip, else none. A coding given q=0 is refused. */
export function chooseEncoding(acceptEncoding) {
  const accepted = new Map();
  for (const part of String(acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (coding) => (accepted.get(coding) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

/**
 * A request handler for the build's static folder: returns true when it answered the request, false
 * to let the caller hand it on (see the file comment for what it answers).
 */
export function createStaticAssets(staticDir) {
  const files = listFiles(staticDir);
  const cache = new Map();
  const prepare = async (relative) => {
    const identity = await fs.promises.readFile(path.join(staticDir, relative));
    const [br, gz] = await Promise.all([brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }), gzip(identity, { level: 9 })]);
    cache.set(relative, {
      identity,
      br,
      gzip: gz,
      etag: `"${createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`,
      type: TYPES[path.extname(relative)],
    });
  };
  // A file that cannot be read or compressed stays with Next, which reports it its own way.
  const ready = Promise.allSettled([...files].map(prepare));

  function serveStatic(request, response) {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const url = request.url ?? "";
    if (!url.startsWith(PREFIX)) return false;
    const query = url.indexOf("?");
    let relative;
    try {
      relative = decodeURIComponent(url.slice(PREFIX.length, query === -1 ? undefined : query));
    } catch {
      return false;
    }
    const entry = cache.get(relative);
    if (!entry) return false;
    const headers = {
      "content-type": entry.type,
      "cache-control": "public, max-age=31536000, immutable",
      etag: entry.etag,
      vary: "Accept-Encoding",
      "x-content-type-options": "nosniff",
    };
    if (request.headers["if-none-match"] === entry.etag) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    const encoding = chooseEncoding(request.headers["accept-encoding"]);
    const body = encoding ? entry[encoding] : entry.identity;
    response.writeHead(200, { ...headers, ...(encoding ? { "content-encoding": encoding } : {}), "content-length": body.length });
    response.end(request.method === "HEAD" ? undefined : body);
    return true;
  }
  return Object.assign(serveStatic, { ready });
}
