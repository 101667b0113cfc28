/**
 * The JSON shape of an engine value after `plain()` or the feed's `wire()` (bigint → decimal
 * string), so pages and client components can type the answers they render. Type-only; browser-safe.
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
