import type { ClientStatement } from "@/lib/incidents/report/statement-types";

/** A client's personal statement of an incident as HTML: the same figures as its PDF. */
export function ClientStatementView({ statement }: { statement: ClientStatement }) {
  return <pre>{JSON.stringify(statement, null, 2)}</pre>;
}
