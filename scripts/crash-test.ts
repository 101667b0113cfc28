import { parseArgs } from "node:util";
import { formatCliError } from "./cli-error";
import { runCrashHarness } from "./crash-harness";
import { dropSchema } from "./db/migrations";
import { openCliTarget } from "./db/target";

// npm run crash-test -- [--kills 20] [--seed N]: SIGKILL the standalone engine at random points and
// check recovery. Uses a throwaway schema on DATABASE_URL, else an in-memory database.
try {
  const { values } = parseArgs({ options: { kills: { type: "string", default: "20" }, seed: { type: "string", default: "20261122" } } });
  const { target, embedded } = await openCliTarget({ ephemeral: true });
  const scratch = embedded ? target : { url: target.url, schema: `crash_${process.pid}` };
  try {
    const report = await runCrashHarness({ target: scratch, kills: Number(values.kills), seed: Number(values.seed), log: (line) => console.log(line) });
    console.log(JSON.stringify(report, null, 2));
    if (!report.identical || report.missingAcknowledged.length) process.exitCode = 1;
  } finally {
    if (!embedded) await dropSchema(scratch);
    await embedded?.stop();
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
