/**
 * The JSON shape of an engine value after `plain()` (bigint → decimal string), so pages and client
 * components can type the public answers they render. Type-only; client-safe.
 */
export type Wire<T> = T extends bigint
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;
