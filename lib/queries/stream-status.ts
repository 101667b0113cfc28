/** Where a market stream stands, as the stream badge shows it. */
export interface StreamStatus {
  connected: boolean;
  /** When the stream last dropped (ms since epoch, wall clock), while it is down; null when live. */
  staleSince: number | null;
}

export const CONNECTING: StreamStatus = { connected: false, staleSince: null };
export const CONNECTED: StreamStatus = { connected: true, staleSince: null };

/** The status after an error: stale since the first drop, not the latest retry. */
export function droppedStatus(previous: StreamStatus | undefined, nowMs: number): StreamStatus {
  return { connected: false, staleSince: previous?.staleSince ?? nowMs };
}
