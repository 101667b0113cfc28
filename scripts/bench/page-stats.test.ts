import { describe, expect, test } from "vitest";
import { median, percentile, publicRoutes, routeLabel, staticPeerHtml, stylesheetHrefs } from "./page-stats";

describe("public-pages bench helpers", () => {
  test("percentile is nearest-rank: an observed load, p90 of 10 loads is the 9th fastest", () => {
    const loads = [500, 100, 1000, 300, 200, 900, 400, 800, 600, 700];
    expect(percentile(loads, 90)).toBe(900);
    expect(percentile(loads, 50)).toBe(500);
    expect(percentile(loads, 100)).toBe(1000);
    expect(percentile(loads, 0)).toBe(100);
    expect(percentile([420], 90)).toBe(420);
    expect(percentile([], 90)).toBeNaN();
    expect(() => percentile(loads, 101)).toThrow(/between 0 and 100/);
  });

  test("median averages the two middle loads of an even count and leaves the input unsorted", () => {
    const loads = [400, 100, 300, 200];
    expect(median(loads)).toBe(250);
    expect(loads).toEqual([400, 100, 300, 200]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });

  test("public routes: home, the site map's public pages, then one page per market, without duplicates, in English and then Traditional Chinese", () => {
    const routes = publicRoutes(
      [{ href: "/disclosures" }, { href: "/disclosures/markets" }, { href: "/disclosures/markets/BTC-PERP" }],
      ["BTC-PERP", "ETH-PERP"],
    );
    const english = ["/", "/disclosures", "/disclosures/markets", "/disclosures/markets/BTC-PERP", "/disclosures/markets/ETH-PERP"];
    expect(routes).toEqual([...english, "/zh-HK", ...english.slice(1).map((route) => `/zh-HK${route}`)]);
    expect(routes.slice(0, 5).map(routeLabel)).toEqual([
      "home",
      "disclosures",
      "disclosures/markets",
      "disclosures/markets/BTC-PERP",
      "disclosures/markets/ETH-PERP",
    ]);
    expect(routeLabel("/zh-HK/disclosures")).toBe("zh-HK/disclosures");
  });

  test("static peer keeps markup and stylesheets but drops every script, script preload and modulepreload", () => {
    const html = [
      '<html><head><link rel="stylesheet" href="/_next/static/chunks/a.css?v=1&amp;x=2" data-precedence="next"/>',
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
      '<link as="script" rel="preload" href="/_next/static/chunks/c.js">',
      '<link rel="modulepreload" href="/_next/static/chunks/d.js"/>',
      '<link rel="icon" href="/favicon.ico"/>',
      '<script src="/_next/static/chunks/e.js" async=""></script>',
      '<script src="/_next/static/chunks/poly.js" noModule=""></script></head>',
      '<body><h1>Markets</h1><script>self.__next_f.push([1,"<p>not markup</p>"])</script>',
      "<SCRIPT type=\"text/javascript\">\nwindow.x = '</div>';\n</SCRIPT><p>after</p></body></html>",
    ].join("");
    const peer = staticPeerHtml(html);
    expect(peer).not.toMatch(/<script|\.js"/i);
    expect(peer).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css?v=1&amp;x=2" data-precedence="next"/>');
    expect(peer).toContain('<link rel="icon" href="/favicon.ico"/>');
    expect(peer).toContain("<h1>Markets</h1>");
    expect(peer).toContain("<p>after</p></body></html>");
    expect(stylesheetHrefs(html)).toEqual(["/_next/static/chunks/a.css?v=1&x=2"]);
  });
});
