import { dropSchema } from "../scripts/db/migrations";

/** Drop the throwaway schema the "postgres" project's server migrated and seeded. */
export default async function globalTeardown() {
  const url = process.env.DATABASE_URL;
  const stamp = process.env.E2E_RUN_STAMP;
  if (!url || !stamp) return;
  await dropSchema({ url, schema: `e2e_${stamp}` }).catch((error) => console.warn(`could not drop e2e schema: ${error}`));
}
