import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript module (the server runs without a TypeScript loader)
import { chooseEncoding, createStaticAssets } from "./static-assets.mjs";

// The build's scripts and stylesheets from memory (page speed, DISC-2): exactly the files the build
// wrote, compressed as the client accepts, and nothing else.

const SCRIPT = `self.__chunk=${JSON.stringify("永續合約 ".repeat(2_000))};`;
const STYLE = ":root{--accent:#0b5d6b}".repeat(100);

let root: string;
let base: string;
let server: http.Server;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "static-assets-"));
  const staticDir = path.join(root, ".next", "static");
  fs.mkdirSync(path.join(staticDir, "chunks"), { recursive: true });
  fs.writeFileSync(path.join(staticDir, "chunks", "a1b2.js"), SCRIPT);
  fs.writeFileSync(path.join(staticDir, "chunks", "c3d4.css"), STYLE);
  fs.writeFileSync(path.join(staticDir, "chunks", "font.woff2"), "not served from memory");
  fs.writeFileSync(path.join(root, "secret.js"), "outside the static folder");
  const serveStatic = createStaticAssets(staticDir);
  await serveStatic.ready;
  // Written after the start: not listed, so Next's (here: the fallback's) to answer.
  fs.writeFileSync(path.join(staticDir, "chunks", "late.js"), "written later");
  server = http.createServer((request, response) => {
    if (serveStatic(request, response)) return;
    response.writeHead(418, { "content-type": "text/plain" });
    response.end("handed on");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A raw request (fetch would decompress and normalise the path). */
function get(pathname: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.request(`${base}${pathname}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("the build's static files from memory", () => {
  it("answers a script in brotli, gzip or as it is, as the client accepts, with the same bytes and long caching", async () => {
    const br = await get("/_next/static/chunks/a1b2.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["x-content-type-options"]).toBe("nosniff");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);

    const gz = await get("/_next/static/chunks/a1b2.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get("/_next/static/chunks/a1b2.js?dpl=x");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);

    const css = await get("/_next/static/chunks/c3d4.css", { "accept-encoding": "br;q=0, gzip" });
    expect(css.headers["content-encoding"]).toBe("gzip");
    expect(css.headers["content-type"]).toBe("text/css; charset=UTF-8");
    expect(zlib.gunzipSync(css.body).toString()).toBe(STYLE);
  });

  it("answers a repeated request with its tag 304, and HEAD with headers only", async () => {
    const first = await get("/_next/static/chunks/a1b2.js");
    const again = await get("/_next/static/chunks/a1b2.js", { "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get("/_next/static/chunks/a1b2.js", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
  });

  it("hands on everything else: other types, files written later, paths out of the folder, other methods", async () => {
    for (const pathname of [
      "/_next/static/chunks/font.woff2",
      "/_next/static/chunks/late.js",
      "/_next/static/../../secret.js",
      "/_next/static/%2e%2e/%2e%2e/secret.js",
      "/_next/static/chunks/%E0%A4%A.js",
      "/_next/static/chunks/",
      "/secret.js",
    ])
      expect((await get(pathname)).status, pathname).toBe(418);
    expect((await get("/_next/static/chunks/a1b2.js", {}, "POST")).status).toBe(418);
  });

  it("picks the encoding the client prefers among those it accepts", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*, br;q=0")).toBe("gzip");
    expect(chooseEncoding("identity")).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding("gzip;q=0")).toBeNull();
  });
});
