/** AFMM-7: a list or export's filter as the access log's subject reference: its non-empty values, as JSON. */
export function filterRef(filter: object): string | null {
  const set = Object.entries(filter).filter(([, value]) => value !== undefined && value !== null && value !== "");
  return set.length === 0 ? null : JSON.stringify(Object.fromEntries(set.map(([key, value]) => [key, typeof value === "bigint" ? value.toString() : value])));
}
