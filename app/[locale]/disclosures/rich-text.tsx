import type { ReactNode } from "react";

/** The rich-text tags the disclosure messages use most (`<strong>…</strong>`, `<code>…</code>` in the catalogue). */
export const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
export const code = (chunks: ReactNode) => <code>{chunks}</code>;
