/**
 * Public pages in a real browser against the portal as `npm start` serves it
 * (production build, demo data, live simulation running).
 *
 * - pages.lcp.market.{median,p90}: largest contentful paint of the public market page
 *   (/disclosures/markets/<first market>, else /disclosures/markets), 3 × --runs cold loads
 *   (or --lcp-loads). Target < 1,500 ms and, when the peer runs, within 1.5× of its LCP.
 * - pages.lcp.<route>: the same for every other public route, --runs cold loads each (median;
 *   p90 in extra).
 * - pages.js.<route> and pages.js.max: the JavaScript the browser downloads on a cold load of each
 *   public route — every response of resource type "script", each body gzipped by node:zlib at the
 *   default level, summed; kB = 1,000 bytes. Target < 250 kB. Inline scripts (the server-rendered
 *   React payload inside the HTML) are not counted; their gzipped size is in extra.inlineKb.
 *
 * Every load uses a fresh browser context (cold cache, new connections), 1280×720, and reads the
 * last largest-contentful-paint entry after the load event plus --lcp-settle-ms (default 1,000),
 * so a bigger element painted by hydration still counts. Peer, loaded interleaved with ours in the
 * same browser: each route's own server-rendered HTML with every script removed, served with its
 * stylesheets from memory by a bare node:http server — the same visible page with no framework,
 * no JavaScript and no server work. LCP ratio = peer / ours (> 1 would mean faster than static).
 * Routes that answer 404 (not built yet) are skipped and listed in pages.js.max's extra.notPresent.
 */
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { audience } from "../../components/site-map";
import { DEFAULT_ENGINE_CONFIG } from "../../lib/engine/index";
import type { BenchOptions, BenchResult } from "../bench";
import { median, percentile, publicRoutes, routeLabel, staticPeerHtml, stylesheetHrefs } from "./page-stats";
import { startBenchPortal } from "./portal-process";
import { numberFlag } from "./flags";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../test/chromium";

const LCP_TARGET_MS = 1_500;
/** Our LCP may be at most this multiple of the same page's static HTML (the peer). */
const MAX_STATIC_MULTIPLE = 1.5;
const JS_TARGET_KB = 250;

interface ScriptFile {
  url: string;
  gzipBytes: number;
}

interface LoadSample {
  lcpMs: number;
  fcpMs: number;
  ttfbMs: number;
  /** When the HTML's last byte arrived, and the last render-blocking stylesheet's (0 when none): where a slow first paint waits. */
  htmlEndMs: number;
  cssEndMs: number;
  lcpElement: string;
  scripts: ScriptFile[];
  inlineScriptGzipBytes: number;
}

export async function runPublicPagesBench(options: BenchOptions): Promise<BenchResult[]> {
  const chromiumPath = CHROMIUM_PATH;
  if (!fs.existsSync(chromiumPath)) throw new Error(`pages bench: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const routeLoads = Math.max(1, options.runs);
  const marketLoads = Math.max(1, numberFlag(options.argv, "--lcp-loads", 3 * routeLoads));
  const settleMs = numberFlag(options.argv, "--lcp-settle-ms", 1_000);
  const withPeer = options.peerRuns > 0;

  const portal = await startBenchPortal(options.log);
  let peer: { url: string; close: () => void } | undefined;
  let browser: Browser | undefined;
  try {
    const candidates = publicRoutes(
      audience("disclosures").pages,
      DEFAULT_ENGINE_CONFIG.markets.map((market) => market.symbol),
    );
    const pages = new Map<string, string>();
    const notPresent: string[] = [];
    for (const route of candidates) {
      const response = await fetch(portal.url + route);
      if (response.status === 404) {
        notPresent.push(route);
        options.log(`pages: ${route} answers 404 (not present yet), skipped`);
        continue;
      }
      if (!response.ok) throw new Error(`pages bench: ${route} answered ${response.status}`);
      pages.set(route, await response.text());
    }
    const marketRoute = [`/disclosures/markets/${DEFAULT_ENGINE_CONFIG.markets[0].symbol}`, "/disclosures/markets"].find((route) => pages.has(route));
    if (!marketRoute) throw new Error("pages bench: neither a market page nor /disclosures/markets is present");

    if (withPeer) peer = await startPeerServer(portal.url, pages);
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });

    const ours = new Map<string, LoadSample[]>([...pages.keys()].map((route) => [route, []]));
    const peers = new Map<string, LoadSample[]>([...pages.keys()].map((route) => [route, []]));
    const loadsOf = (route: string) => (route === marketRoute ? marketLoads : routeLoads);
    options.log(
      `pages: ${pages.size} routes, ${marketLoads} cold loads of ${marketRoute} and ${routeLoads} of each other route${withPeer ? ", each followed or preceded by its static peer" : ""}`,
    );
    for (let i = 0; i < Math.max(marketLoads, routeLoads); i++) {
      for (const route of pages.keys()) {
        if (i >= loadsOf(route)) continue;
        // Alternate who goes first so neither side always loads right after the other warmed the CPU.
        const sides: ("ours" | "peer")[] = withPeer ? (i % 2 ? ["peer", "ours"] : ["ours", "peer"]) : ["ours"];
        for (const side of sides) {
          const base = side === "ours" ? portal.url : peer!.url;
          const sample = await coldLoad(browser, base + route, settleMs);
          if (side === "peer" && sample.scripts.length > 0)
            throw new Error(`pages bench: the static peer of ${route} loaded scripts: ${sample.scripts.map((s) => s.url).join(", ")}`);
          (side === "ours" ? ours : peers).get(route)!.push(sample);
        }
      }
      options.log(`pages: round ${i + 1} done`);
    }

    const results: BenchResult[] = [];
    const lcpLine = (bench: string, route: string, stat: "median" | "p90"): BenchResult => {
      const own = ours.get(route)!.map((s) => s.lcpMs);
      const theirSamples = peers.get(route)!;
      const their = theirSamples.map((s) => s.lcpMs);
      const pick = (values: number[]) => (stat === "median" ? median(values) : percentile(values, 90));
      const value = pick(own);
      const peerValue = withPeer ? pick(their) : null;
      return {
        bench,
        unit: "ms",
        ours: Math.round(value),
        peer: peerValue === null ? null : Math.round(peerValue),
        ratio: peerValue === null ? null : round2(peerValue / value),
        target: `< ${LCP_TARGET_MS.toLocaleString("en-US")} ms${peerValue === null ? "" : ` and within ${MAX_STATIC_MULTIPLE}× static`}`,
        met: value < LCP_TARGET_MS && (peerValue === null || value <= MAX_STATIC_MULTIPLE * peerValue),
        extra: {
          route,
          loads: own.length,
          ...(stat === "median" ? { p90: Math.round(percentile(own, 90)) } : { median: Math.round(median(own)) }),
          ...(withPeer ? { peerP90: Math.round(percentile(their, 90)) } : {}),
          fcpMedian: Math.round(median(ours.get(route)!.map((s) => s.fcpMs))),
          ttfbMedian: Math.round(median(ours.get(route)!.map((s) => s.ttfbMs))),
          htmlEndMedian: Math.round(median(ours.get(route)!.map((s) => s.htmlEndMs))),
          cssEndMedian: Math.round(median(ours.get(route)!.map((s) => s.cssEndMs))),
          ...(withPeer
            ? {
                peerTtfbMedian: Math.round(median(theirSamples.map((s) => s.ttfbMs))),
                peerCssEndMedian: Math.round(median(theirSamples.map((s) => s.cssEndMs))),
                peerFcpMedian: Math.round(median(theirSamples.map((s) => s.fcpMs))),
              }
            : {}),
          lcpElement: mostCommon(ours.get(route)!.map((s) => s.lcpElement)),
        },
      };
    };
    results.push(lcpLine("pages.lcp.market.median", marketRoute, "median"), lcpLine("pages.lcp.market.p90", marketRoute, "p90"));
    for (const route of pages.keys()) if (route !== marketRoute) results.push(lcpLine(`pages.lcp.${routeLabel(route)}`, route, "median"));

    const jsKb = new Map<string, number>();
    for (const [route, samples] of ours) {
      // Every cold load should fetch the same files; keep the largest in case a late chunk was missed once.
      const totals = samples.map((s) => s.scripts.reduce((sum, file) => sum + file.gzipBytes, 0));
      const largest = samples[totals.indexOf(Math.max(...totals))];
      const kb = kB(Math.max(...totals));
      jsKb.set(route, kb);
      results.push({
        bench: `pages.js.${routeLabel(route)}`,
        unit: "kB gzip",
        ours: kb,
        peer: null,
        ratio: null,
        target: `< ${JS_TARGET_KB} kB`,
        met: kb < JS_TARGET_KB,
        extra: {
          route,
          files: largest.scripts.length,
          ...(Math.min(...totals) !== Math.max(...totals) ? { minKb: kB(Math.min(...totals)) } : {}),
          largest: [...largest.scripts]
            .sort((a, b) => b.gzipBytes - a.gzipBytes)
            .slice(0, 4)
            .map((s) => `${new URL(s.url).pathname} ${kB(s.gzipBytes)} kB`),
          inlineKb: kB(largest.inlineScriptGzipBytes),
        },
      });
    }
    const [maxRoute, maxKb] = [...jsKb].reduce((a, b) => (b[1] > a[1] ? b : a));
    results.push({
      bench: "pages.js.max",
      unit: "kB gzip",
      ours: maxKb,
      peer: null,
      ratio: null,
      target: `< ${JS_TARGET_KB} kB`,
      met: maxKb < JS_TARGET_KB,
      extra: { route: maxRoute, routes: pages.size, notPresent },
    });
    return results;
  } finally {
    await browser?.close().catch(() => {});
    peer?.close();
    await portal.stop();
  }
}

/** One cold load: fresh context, LCP/FCP/TTFB after load + settle, and every script it fetched. */
async function coldLoad(browser: Browser, url: string, settleMs: number): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    // Registered before any page script runs, so the observer sees every candidate from the start.
    await page.addInitScript(() => {
      const w = window as unknown as { __benchLcp: { startTime: number; element: string } | null };
      w.__benchLcp = null;
      new PerformanceObserver((list) => {
        const entries = list.getEntries() as (PerformanceEntry & { element?: Element | null })[];
        const last = entries[entries.length - 1];
        if (!last) return;
        const el = last.element;
        w.__benchLcp = {
          startTime: last.startTime,
          element: el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ")[0]}` : ""}` : "(removed)",
        };
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const bodies: Promise<ScriptFile>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      bodies.push(response.body().then((body) => ({ url: response.url(), gzipBytes: zlib.gzipSync(body).length })));
    });
    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    if (!response || response.status() !== 200) throw new Error(`pages bench: ${url} answered ${response?.status() ?? "nothing"} in the browser`);
    await page.waitForTimeout(settleMs);
    const timings = await page.evaluate(() => {
      const w = window as unknown as { __benchLcp: { startTime: number; element: string } | null };
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const inline = Array.from(document.querySelectorAll("script:not([src])"), (s) => s.textContent ?? "").join("");
      // Only the stylesheets that hold the first paint: Chromium marks them; a stylesheet a script adds later is not one.
      const stylesheets = (performance.getEntriesByType("resource") as (PerformanceResourceTiming & { renderBlockingStatus?: string })[]).filter(
        (entry) => entry.renderBlockingStatus === "blocking" && new URL(entry.name).pathname.endsWith(".css"),
      );
      return {
        lcp: w.__benchLcp,
        fcpMs: fcp?.startTime ?? Number.NaN,
        ttfbMs: nav?.responseStart ?? Number.NaN,
        htmlEndMs: nav?.responseEnd ?? Number.NaN,
        cssEndMs: stylesheets.length > 0 ? Math.max(...stylesheets.map((entry) => entry.responseEnd)) : 0,
        inline,
      };
    });
    if (!timings.lcp) throw new Error(`pages bench: no largest-contentful-paint entry for ${url} after load + ${settleMs} ms`);
    return {
      lcpMs: timings.lcp.startTime,
      lcpElement: timings.lcp.element,
      fcpMs: timings.fcpMs,
      ttfbMs: timings.ttfbMs,
      htmlEndMs: timings.htmlEndMs,
      cssEndMs: timings.cssEndMs,
      scripts: await Promise.all(bodies),
      inlineScriptGzipBytes: timings.inline ? zlib.gzipSync(timings.inline).length : 0,
    };
  } finally {
    await context.close();
  }
}

/** The peer: each route's HTML without scripts, plus its stylesheets, served from memory. */
async function startPeerServer(portalUrl: string, pages: Map<string, string>): Promise<{ url: string; close: () => void }> {
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const [route, html] of pages) {
    files.set(route, { type: "text/html; charset=utf-8", body: Buffer.from(staticPeerHtml(html)) });
    for (const href of stylesheetHrefs(html)) {
      const pathname = new URL(href, portalUrl).pathname;
      if (files.has(pathname)) continue;
      const response = await fetch(new URL(href, portalUrl));
      if (!response.ok) throw new Error(`pages bench: stylesheet ${href} answered ${response.status}`);
      files.set(pathname, { type: "text/css; charset=utf-8", body: Buffer.from(await response.arrayBuffer()) });
    }
  }
  const server = http.createServer((request, response) => {
    const file = files.get(new URL(request.url ?? "/", "http://peer").pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": file.type, "content-length": file.body.length, "cache-control": "no-store" });
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

const kB = (bytes: number) => Math.round(bytes / 100) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
