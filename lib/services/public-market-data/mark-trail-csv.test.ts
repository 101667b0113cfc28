import { describe, expect, it } from "vitest";
import { markTrailCsv } from "./mark-trail-csv";

describe("markTrailCsv (LIQ-3)", () => {
  it("writes a header, one row per mark and index tick (with every mark input), and one per index source", () => {
    const csv = markTrailCsv([
      {
        seq: 7,
        atMs: 1000,
        kind: "mark",
        data: {
          price: 500,
          chosen: "p2",
          fallback: false,
          inputs: {
            index: 499,
            p1: 500,
            p2: 501,
            last: null,
            bestBid: 498,
            bestAsk: 502,
            fundingRate: "-12500",
            msToFunding: 3_600_000,
            intervalMs: 28_800_000,
            basisAverage: { sumHalfTicks: 7, count: 2 },
          },
        },
      },
      {
        seq: 9,
        atMs: 2000,
        kind: "mark",
        data: {
          price: 500,
          chosen: "p1",
          fallback: true,
          inputs: {
            index: 500,
            p1: 500,
            p2: null,
            last: 500,
            bestBid: null,
            bestAsk: null,
            fundingRate: "0",
            msToFunding: 0,
            intervalMs: 28_800_000,
            basisAverage: null,
          },
        },
      },
      {
        seq: 8,
        atMs: 1000,
        kind: "index",
        data: {
          price: 499,
          valid: true,
          held: false,
          flags: ["stale_sources", "outliers_clamped"],
          median: 499,
          band: { lo: 494, hi: 504 },
          includedCount: 2,
          inputs: [
            { sourceId: "kraken", price: 499, usedPrice: 499, ageMs: 20, weight: 1, status: "included" },
            { sourceId: 'odd,"venue"', price: null, usedPrice: null, ageMs: null, weight: 2, status: "excluded", reason: "missing" },
          ],
        },
      },
    ]);
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "seq,atMs,kind,price,valid,held,flags,median,bandLo,bandHi,includedCount,chosen,fallback,inputIndex,p1,p2,last,bestBid,bestAsk,fundingRate,msToFunding,intervalMs,basisSumHalfTicks,basisCount,sourceId,sourcePrice,sourceUsedPrice,sourceAgeMs,sourceWeight,sourceStatus,sourceReason",
    );
    expect(lines[1]).toBe("7,1000,mark,500,,,,,,,,p2,false,499,500,501,,498,502,-12500,3600000,28800000,7,2,,,,,,,");
    expect(lines[2]).toBe("9,2000,mark,500,,,,,,,,p1,true,500,500,,500,,,0,0,28800000,,,,,,,,,");
    expect(lines[3]).toBe("8,1000,index,499,true,false,stale_sources;outliers_clamped,499,494,504,2,,,,,,,,,,,,,,,,,,,,");
    expect(lines[4]).toBe("8,1000,index_source,,,,,,,,,,,,,,,,,,,,,,kraken,499,499,20,1,included,");
    expect(lines[5]).toBe('8,1000,index_source,,,,,,,,,,,,,,,,,,,,,,"odd,""venue""",,,,2,excluded,missing');
    expect(lines).toHaveLength(6);
  });

  it("a source id or reason a spreadsheet would run as a formula is written as text; negative rates stay numbers", () => {
    const csv = markTrailCsv([
      {
        seq: 3,
        atMs: 10,
        kind: "index",
        data: {
          price: 1,
          valid: true,
          held: false,
          flags: [],
          median: 1,
          band: null,
          includedCount: 1,
          inputs: [{ sourceId: '=HYPERLINK("http://evil.example","x")', price: -5, weight: 1, status: "excluded", reason: "@SUM(A1)" }],
        },
      },
      { seq: 4, atMs: 10, kind: "mark", data: { price: 1, chosen: "p1", fallback: false, inputs: { fundingRate: "-2500" } } },
    ]);
    const lines = csv.trimEnd().split("\n");
    expect(lines[2]).toBe(`3,10,index_source,,,,,,,,,,,,,,,,,,,,,,"'=HYPERLINK(""http://evil.example"",""x"")",-5,,,1,excluded,'@SUM(A1)`);
    expect(lines[3]).toContain(",-2500,");
  });

  it("is just the header when there is nothing in the window", () => {
    expect(markTrailCsv([]).split("\n").filter(Boolean)).toHaveLength(1);
  });
});
