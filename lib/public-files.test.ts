import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIENCES } from "@/components/site-map";
import { isPagePath } from "@/lib/i18n/page-path";
import { routing } from "@/lib/i18n/routing";

/**
 * The files of public/ (favicon, app icons, web manifest, robots.txt, social preview image): they exist
 * with the sizes they claim, the root layout's metadata names only files that exist, the proxy serves them
 * as they are (no language prefix), and robots.txt lets crawlers reach the public disclosures only.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const PUBLIC = path.join(ROOT, "public");
const read = (file: string) => fs.readFileSync(path.join(PUBLIC, file));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE), "a PNG").toBe(true);
  expect(data.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The custom properties of app/globals.css's :root, e.g. { accent: "#0b5d6b" }. */
function cssColours(): Record<string, string> {
  const css = fs.readFileSync(path.join(ROOT, "app", "globals.css"), "utf8");
  return Object.fromEntries([...css.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,8})/g)].map((match) => [match[1], match[2].toLowerCase()]));
}

/** Google's robots.txt rule: the longest matching Allow or Disallow path wins, Allow on a tie. */
function crawlable(robots: string, pathname: string): boolean {
  const rules = robots
    .split("\n")
    .map((line) => /^(Allow|Disallow):\s*(\S*)/i.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null && match[2] !== "")
    .map((match) => ({ allow: match[1].toLowerCase() === "allow", path: match[2] }));
  const matching = rules.filter((rule) => pathname.startsWith(rule.path)).sort((a, b) => b.path.length - a.path.length || Number(b.allow) - Number(a.allow));
  return matching.length === 0 || matching[0].allow;
}

const STATIC_FILES = [
  "/favicon.ico",
  "/icon.svg",
  "/apple-touch-icon.png",
  "/icon-192.png",
  "/icon-512.png",
  "/manifest.webmanifest",
  "/robots.txt",
  "/og-image.png",
];

describe("public/ files", () => {
  it("favicon.ico is a real ICO with 16, 32 and 48 px images", () => {
    const ico = read("favicon.ico");
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => {
      const entry = 6 + 16 * i;
      const width = ico.readUInt8(entry) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const image = pngSize(ico.subarray(offset, offset + length));
      expect(image).toEqual({ width, height: ico.readUInt8(entry + 1) || 256 });
      return width;
    });
    expect(sizes).toEqual([16, 32, 48]);
  });

  it("the PNG icons and the preview image have the sizes they are named for", () => {
    expect(pngSize(read("apple-touch-icon.png"))).toEqual({ width: 180, height: 180 });
    expect(pngSize(read("icon-192.png"))).toEqual({ width: 192, height: 192 });
    expect(pngSize(read("icon-512.png"))).toEqual({ width: 512, height: 512 });
    expect(pngSize(read("og-image.png"))).toEqual({ width: 1200, height: 630 });
    expect(read("icon.svg").toString("utf8")).toMatch(/^<svg [^>]*viewBox="0 0 100 100"/);
  });

  it("the web manifest names the portal, starts at /, uses the stylesheet's colours and lists icons that exist", () => {
    const manifest = JSON.parse(read("manifest.webmanifest").toString("utf8")) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    const colours = cssColours();
    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    expect(manifest.start_url).toBe("/");
    expect(["standalone", "minimal-ui", "browser", "fullscreen"]).toContain(manifest.display);
    expect(manifest.theme_color).toBe(colours.accent);
    expect(manifest.background_color).toBe(colours.bg);
    for (const icon of manifest.icons) {
      const data = read(icon.src.slice(1));
      if (icon.type === "image/png") {
        const { width, height } = pngSize(data);
        expect(icon.sizes, icon.src).toBe(`${width}x${height}`);
      }
    }
    const maskable = manifest.icons.filter((icon) => icon.purpose.split(" ").includes("maskable")).map((icon) => icon.sizes);
    expect(maskable).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  });

  it("the root layout's metadata names only files that exist, and the viewport colour is the accent", () => {
    const layout = fs.readFileSync(path.join(ROOT, "app", "[locale]", "layout.tsx"), "utf8");
    for (const file of ["/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/manifest.webmanifest", "/og-image.png"])
      expect(layout, file).toContain(`"${file}"`);
    for (const [, file] of layout.matchAll(/"(\/[\w.-]+\.(?:ico|svg|png|webmanifest))"/g)) expect(fs.existsSync(path.join(PUBLIC, file)), file).toBe(true);
    expect(layout).toContain(`themeColor: "${cssColours().accent}"`);
  });

  it("the proxy serves each file as it is: no language prefix, no redirect", () => {
    // proxy.ts's matcher, read from its source: Next needs it as a literal there, and the module itself
    // (next-intl's middleware) does not load outside Next.
    const proxySource = fs.readFileSync(path.join(ROOT, "proxy.ts"), "utf8");
    const matchers =
      /matcher:\s*\[([^\]]*)\]/
        .exec(proxySource)?.[1]
        .match(/"[^"]*"/g)
        ?.map((text) => JSON.parse(text) as string) ?? [];
    expect(matchers.length).toBeGreaterThan(0);
    expect(proxySource).toMatch(/if \(!isPagePath\(request\.nextUrl\.pathname\)\) return withSecurityHeaders\(NextResponse\.next\(/);
    const proxied = (pathname: string) => matchers.some((matcher) => new RegExp(`^${matcher}$`).test(pathname));
    for (const file of STATIC_FILES) {
      expect(fs.existsSync(path.join(PUBLIC, file)), file).toBe(true);
      // Either the proxy does not run for it at all, or it runs and passes it on without locale routing.
      expect(!proxied(file) || !isPagePath(file), file).toBe(true);
    }
    expect(proxied("/disclosures") && isPagePath("/disclosures")).toBe(true);
    expect(isPagePath("/api/public/markets")).toBe(false);
  });

  it("robots.txt lets crawlers reach the public disclosures and nothing behind sign-in, in both languages", () => {
    const robots = read("robots.txt").toString("utf8");
    expect(robots).toMatch(/^User-agent: \*$/m);
    const sitemap = fs.existsSync(path.join(PUBLIC, "sitemap.xml")) || fs.existsSync(path.join(ROOT, "app", "sitemap.ts"));
    expect(/^Sitemap:/im.test(robots)).toBe(sitemap);
    const prefixes = routing.locales.map((locale) => (locale === routing.defaultLocale ? "" : `/${locale}`));
    // Pages have a language prefix; the API (/api/) has none.
    const restricted = ["/compliance", "/admin", "/portal", "/afmm", "/afmm-desk", "/account", "/step-up", "/sign-in", "/sign-up"];
    for (const prefix of prefixes) {
      for (const page of AUDIENCES.flatMap((entry) => entry.pages))
        expect(crawlable(robots, `${prefix}${page.href}`), `${prefix}${page.href}`).toBe(page.permission === undefined);
      for (const pathname of restricted) expect(crawlable(robots, `${prefix}${pathname}`), `${prefix}${pathname}`).toBe(false);
    }
    expect(crawlable(robots, "/api/")).toBe(false);
    expect(crawlable(robots, "/api/public/markets")).toBe(false);
    expect(crawlable(robots, "/complaints")).toBe(true);
    expect(crawlable(robots, "/disclosures/afmm")).toBe(true);
  });
});
