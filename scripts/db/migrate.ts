import { formatCliError } from "../cli-error";
import { applyMigrations } from "./migrations";
import { openCliTarget } from "./target";

// npm run db:migrate — apply pending migrations (what `prisma migrate deploy` does).
try {
  const { target, embedded } = await openCliTarget();
  try {
    const applied = await applyMigrations(target);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date; no migration applied.");
  } finally {
    await embedded?.stop();
  }
} catch (error) {
  console.error(formatCliError(error));
  process.exit(1);
}
