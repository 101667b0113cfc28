/** MRG-5: what the governance services answer with, for the pages and components that show it (client-safe). */

export interface ApprovalView {
  market: string;
  reference: string;
  approvedOn: string;
  parameterHash: string;
  recordedAtMs: number;
  /** Each bounded parameter: bounds and the value in force, as the registry shows them. */
  envelope: Array<{ path: string; min: string | null; max: string | null; minShown: string | null; maxShown: string | null; current: string | null }>;
}

export type DiffRow = { path: string; before: string; after: string };
