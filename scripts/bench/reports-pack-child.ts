/**
 * The pack generation of the reports bench in a process of its own, so its resident set is what a
 * pack costs (Node, the modules it loads and the pack), not the simulation that seeded the data.
 * argv: <database url> <schema> <fromMs> <toMs> <runs>. Prints one JSON line: walls, peak RSS, ZIP size.
 */
import { register } from "node:module";

const [url, schema, fromText, toText, runsText, only] = process.argv.slice(2);
if (!url || !schema || !fromText || !toText || !runsText) throw new Error("usage: reports-pack-child <url> <schema> <fromMs> <toMs> <runs>");
// The report builders import services that start with `import "server-only"`; this process is a server.
const hook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,export%20%7B%7D%3B", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const { createPrismaClient } = await import("../../lib/prisma-client");
const { buildPack } = await import("../../lib/reports/pack");
const { REPORT_IDS } = await import("../../lib/reports/types");
const prisma = createPrismaClient(url, schema);
const rssAtStart = process.memoryUsage().rss;
let peakRss = rssAtStart;
let atPeak = process.memoryUsage();
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  if (usage.rss > peakRss) [peakRss, atPeak] = [usage.rss, usage];
}, 20);
const walls: number[] = [];
let zipBytes = 0;
let files = 0;
try {
  for (let run = 0; run < Number(runsText); run++) {
    const started = performance.now();
    const built = await buildPack(
      prisma,
      {
        id: `bench-${run}`,
        period: { fromMs: Number(fromText), toMs: Number(toText) },
        reports: only ? REPORT_IDS.filter((id) => only.split(",").includes(id)) : [...REPORT_IDS],
        requestedBy: null,
        generatedAt: new Date(Number(toText)),
        recordLocation: { kind: "premises", reference: "bench" },
      },
      { signal: new AbortController().signal, progress: () => {} },
    );
    walls.push(performance.now() - started);
    zipBytes = built.zip.length;
    files = built.manifest.files.length;
  }
} finally {
  clearInterval(sampler);
  await prisma.$disconnect();
}
console.log(
  JSON.stringify({
    walls,
    peakRssMb: Math.round(peakRss / 1_048_576),
    // Where the peak was: V8's heap (total and in use), memory outside it (Buffers, the PDF font), and the rest of the resident set being code and native memory.
    atPeakMb: Object.fromEntries(Object.entries(atPeak).map(([key, bytes]) => [key, Math.round(bytes / 1_048_576)])),
    rssAtStartMb: Math.round(rssAtStart / 1_048_576),
    zipBytes,
    files,
    reports: REPORT_IDS,
  }),
);
