import "server-only";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/services/context";

/**
 * A context with no actor, for what anyone may do without signing in (the public market data,
 * signing in itself). The database client is taken when first used, so a process without a
 * database still reaches the service, which says why it cannot answer.
 */
export function anonymousContext(): ServiceContext {
  return {
    actor: null,
    get db() {
      return db();
    },
    now: () => new Date(),
  };
}
