import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript module (the server runs without a TypeScript loader)
import { isDocumentRequest, paintFirstResponse, rewriteHead } from "./paint-first.mjs";

const NONCE = "n0nce+/=";
const chunk = (name: string, nonce = NONCE) => `<script src="/_next/static/chunks/${name}.js" async="" nonce="${nonce}"></script>`;
const HEAD =
  `<!DOCTYPE html><html lang="zh-HK"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="${NONCE}"/>` +
  `${chunk("one")}${chunk("two")}${chunk("three")}<title>市場 · 公開披露</title>`;
const BODY = `</head><body><p class="lead">永續合約，以美元報價及結算</p><script nonce="${NONCE}">self.__next_f.push([1,"x"])</script></body></html>`;

describe("paint first, then hydrate (DISC-2 page speed)", () => {
  it("replaces the head's chunk scripts with preloads and one loader carrying the page's nonce", () => {
    const rewritten: string = rewriteHead(HEAD);
    expect(rewritten.match(/<script src=/g)).toBeNull();
    expect(rewritten.match(/<link rel="preload" as="script"/g)).toHaveLength(3);
    expect(rewritten.match(new RegExp(`nonce="${NONCE.replace(/[+/=]/g, "\\$&")}"`, "g"))).toHaveLength(5); // css, 3 preloads, loader
    expect(rewritten).toContain('["/_next/static/chunks/one.js","/_next/static/chunks/two.js","/_next/static/chunks/three.js"]');
    expect(rewritten).toContain("requestAnimationFrame");
    expect(rewritten.endsWith("<title>市場 · 公開披露</title>")).toBe(true);
  });

  it("leaves markup it was not written for alone", () => {
    expect(rewriteHead("<head><title>x</title>")).toBeNull();
    expect(rewriteHead(`<head>${chunk("one")}${chunk("two", "other")}`)).toBeNull();
  });

  it("treats only page loads as documents", () => {
    const request = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as http.IncomingMessage;
    expect(isDocumentRequest(request("GET", { "sec-fetch-dest": "document" }))).toBe(true);
    expect(isDocumentRequest(request("GET", { accept: "text/html,application/xhtml+xml" }))).toBe(true);
    expect(isDocumentRequest(request("GET", { "sec-fetch-dest": "document", rsc: "1" }))).toBe(false);
    expect(isDocumentRequest(request("GET", { "sec-fetch-dest": "script" }))).toBe(false);
    expect(isDocumentRequest(request("POST", { "sec-fetch-dest": "document" }))).toBe(false);
    expect(isDocumentRequest(request("GET", { accept: "application/json" }))).toBe(false);
  });

  describe("over HTTP, with the page streamed in pieces", () => {
    let server: http.Server | undefined;
    afterEach(() => server?.close());

    async function serve(type: string, pieces: (string | Buffer)[]) {
      server = http.createServer((_request, response) => {
        paintFirstResponse(response, { gzip: _request.headers["x-gzip"] === "1" });
        response.statusCode = 200;
        response.setHeader("content-type", type);
        // A length Next might have set for the text it wrote: wrong once the head is rewritten.
        if (type.startsWith("text/html")) response.setHeader("content-length", "999");
        // As Next does before its first byte.
        if (_request.headers["x-flush"] === "1") response.flushHeaders();
        let index = 0;
        const next = () => {
          if (index === pieces.length) return void response.end();
          response.write(pieces[index++]);
          setTimeout(next, 5);
        };
        next();
      });
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    }

    async function get(url: string, gzip: boolean, flush = false) {
      return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http.get(url, { headers: { ...(gzip ? { "x-gzip": "1" } : {}), ...(flush ? { "x-flush": "1" } : {}) } }, (response) => {
          const parts: Buffer[] = [];
          response.on("data", (part: Buffer) => parts.push(part));
          response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(parts) }));
          response.on("error", reject);
        });
      });
    }

    // The head split inside a Chinese character's bytes and inside "</head>".
    const bytes = Buffer.from(HEAD + BODY, "utf8");
    const titleAt = bytes.indexOf(Buffer.from("市場", "utf8")) + 1;
    const headEnd = bytes.indexOf(Buffer.from("</head>")) + 3;
    const pieces = [bytes.subarray(0, titleAt), bytes.subarray(titleAt, headEnd), bytes.subarray(headEnd)];
    const expected = rewriteHead(HEAD) + BODY;

    it("gzips the rewritten page when the client takes gzip, with no stale length", async () => {
      const { headers, body } = await get(await serve("text/html; charset=utf-8", pieces), true);
      expect(headers["content-encoding"]).toBe("gzip");
      expect(headers["content-length"]).toBeUndefined();
      expect(zlib.gunzipSync(body).toString("utf8")).toBe(expected);
    });

    it("still rewrites and gzips when the headers are flushed before the first byte", async () => {
      const { headers, body } = await get(await serve("text/html; charset=utf-8", pieces), true, true);
      expect(headers["content-encoding"]).toBe("gzip");
      expect(zlib.gunzipSync(body).toString("utf8")).toBe(expected);
    });

    it("sends it as text otherwise", async () => {
      const { headers, body } = await get(await serve("text/html; charset=utf-8", pieces), false);
      expect(headers["content-encoding"]).toBeUndefined();
      expect(body.toString("utf8")).toBe(expected);
    });

    it("passes anything but HTML through byte for byte", async () => {
      const json = Buffer.from(JSON.stringify({ a: "市場", b: [1, 2, 3] }));
      const { headers, body } = await get(await serve("application/json", [json.subarray(0, 8), json.subarray(8)]), true);
      expect(headers["content-encoding"]).toBeUndefined();
      expect(body.equals(json)).toBe(true);
    });
  });
});
