"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False during server rendering and hydration, true once React owns the page. Forms that submit
 * through JavaScript (next-auth's sign-in, server actions with their own result handling) keep
 * their submit button disabled until then, so an early click is not lost to a plain page reload.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
