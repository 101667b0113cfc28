import type { ReactNode } from "react";

export type AlertTone = "error" | "warn" | "ok";

/**
 * A message that must be noticed. Errors are announced at once (role="alert"); warnings and confirmations
 * politely (role="status"). `as="div"` when the content holds paragraphs or lists.
 */
export function Alert({ tone, children, as = "p", id }: { tone: AlertTone; children: ReactNode; as?: "p" | "div"; id?: string }) {
  const Tag = as;
  return (
    <Tag id={id} className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </Tag>
  );
}
