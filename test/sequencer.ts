import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files known to take far longer than the rest, longest first. With files running in parallel the
 * run lasts at least as long as its longest file, so that file must start first. Vitest starts the
 * files it timed before longest first, but with no timings (a fresh clone, as in CI: its cache lives
 * in node_modules) it starts the largest files first, and these are among the smallest.
 */
const SLOW_FIRST = ["scripts/crash.db.test.ts", "lib/services/public-market-data/public-history.db.test.ts"];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rel = (spec: TestSpecification) => path.relative(root, spec.moduleId).split(path.sep).join("/");
    const untimedHint = (spec: TestSpecification) =>
      SLOW_FIRST.includes(rel(spec)) && !this.ctx.cache.getFileTestResults(`${spec.project.name}:${path.relative(root, spec.moduleId)}`);
    // The base order keeps each project's files together; within each run of one project, the
    // untimed slow files move to the front in SLOW_FIRST order.
    const out: TestSpecification[] = [];
    for (let start = 0; start < sorted.length; ) {
      let end = start;
      while (end < sorted.length && sorted[end].project.name === sorted[start].project.name) end++;
      const segment = sorted.slice(start, end);
      const hinted = segment.filter(untimedHint).sort((a, b) => SLOW_FIRST.indexOf(rel(a)) - SLOW_FIRST.indexOf(rel(b)));
      out.push(...hinted, ...segment.filter((spec) => !hinted.includes(spec)));
      start = end;
    }
    return out;
  }
}
