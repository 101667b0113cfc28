/** GET /api/health: what is running, as the status page shows it. Type-only, browser-safe. */
export interface Health {
  status: "ok" | "unavailable";
  db: "embedded" | "postgres" | "unreachable";
  version: string;
  migrations: { applied: number; latest: string | null; pending: number } | null;
  /** The market engine as this process sees it; informative, it does not change `status`. */
  engine: EngineStatus;
  reason?: string;
}

export type EngineStatus =
  | { running: true; mode: "in-process" | "engine" | "remote"; position: number | null; lastEventSeq: number; simulatedAtMs: number | null }
  | { running: false; reason: string };
