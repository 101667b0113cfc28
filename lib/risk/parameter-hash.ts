import { canonicalJson, marketSpecInputOf, type MarketSpec } from "../engine/index";
import { sha256Hex } from "./sha256";

/** The hash the suite, the approval records and the published results use for one market's parameters. */
export function marketParameterHash(spec: MarketSpec): string {
  return sha256Hex(canonicalJson(marketSpecInputOf(spec)));
}
