import { z } from "zod";

/**
 * The message of the first issue of the ZodError that `run` throws: what a route answers a refused
 * input with. Fails the test when `run` throws nothing, and rethrows any other error.
 */
export function zodErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof z.ZodError) return error.issues[0]?.message ?? "";
    throw error;
  }
  throw new Error("expected a validation error");
}
