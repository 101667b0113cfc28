import { z } from "zod";
import { single } from "./schemas";

/** Query of GET /api/public/parameters and /disclosures/parameters; pure, unit-tested. */

export const PARAMETER_SCOPES = ["platform", "market", "collateral"] as const;

export const ParametersQuery = z.strictObject(
  {
    market: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, "market must be a market symbol such as BTC-PERP").optional(),
    scope: z.enum(PARAMETER_SCOPES, { error: `scope must be one of ${PARAMETER_SCOPES.join(", ")}` }).optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown query parameter ${issue.keys.join(", ")}; allowed: market, scope` : undefined) },
);

export interface ParametersQuery {
  /** Only this market's parameters and changes (implies scope "market"). */
  market: string | undefined;
  scope: (typeof PARAMETER_SCOPES)[number] | undefined;
}

/** Throws a ZodError whose first issue says what is wrong. An empty value means "no filter" (an unselected form field). */
export function parseParametersQuery(params: URLSearchParams): ParametersQuery {
  const values = Object.fromEntries(Object.entries(single(params)).filter(([, value]) => value !== ""));
  const q = ParametersQuery
    .refine((v) => !(v.market && v.scope && v.scope !== "market"), { message: "market filters market parameters: leave scope out or set it to market", path: ["scope"] })
    .parse(values);
  return { market: q.market, scope: q.market ? "market" : q.scope };
}
