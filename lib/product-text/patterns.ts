/**
 * What product text must never show a client or a visitor (DISC-8 and the guide's product-text rule):
 * source file paths, README or other repository documents, work-item (issue) numbers, and raw engine
 * messages or codes. One list, used by the unit scan of the catalogues and versioned documents and by
 * the browser scan of the rendered pages, so both look for the same things. Pure.
 */
export interface ProductTextPattern {
  id: "file-path" | "source-file" | "repo-document" | "issue-number" | "work-item" | "engine-code" | "engine-call";
  pattern: RegExp;
}

export const PRODUCT_TEXT_PATTERNS: readonly ProductTextPattern[] = [
  // A path into the source tree: lib/…, app/…, components/…, prisma/…, e2e/…, scripts/…
  { id: "file-path", pattern: /(^|[^\w/.-])(lib|app|components|prisma|e2e|scripts|test|messages|node_modules)\/[\w[\]().-]+/ },
  // A source file name: something.ts, page.tsx, schema.prisma, config.mjs
  { id: "source-file", pattern: /\b[\w[\]-]+\.(ts|tsx|mjs|cjs|prisma)\b/ },
  { id: "repo-document", pattern: /\b(README|ARCHITECTURE|CHANGELOG|REQUIREMENTS)(\.md)?\b/ },
  // "issue 7", "Issue #12", "(#12)", "PR 40"
  { id: "issue-number", pattern: /\b(issues?|PR|pull request)\s*#?\s*\d+\b|(^|[\s(])#\d+\b/i },
  // The team's plan instead of the product: "a work item", "a later issue", "planned in the next PR" (and in Chinese, 工作項目).
  {
    id: "work-item",
    pattern:
      /\bwork[- ]items?\b|\b(later|next|future|another|separate|follow-up|upcoming)\s+(issues?|PRs?|pull requests?|tickets?)\b|工作項目|工作事項|議題編號/i,
  },
  // An engine reject code or other UPPER_SNAKE identifier: INSUFFICIENT_MARGIN, ERR_EXPOSURE_CAP
  { id: "engine-code", pattern: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/ },
  // Code shown as text: reject("…"), throw new …, Error: …
  { id: "engine-call", pattern: /\b(reject|throw new \w+|invariant)\(|\b[A-Z]\w*Error: / },
];

export interface ProductTextFinding {
  where: string;
  id: ProductTextPattern["id"];
  match: string;
}

/** Every pattern that matches `text`, with what it matched; empty when the text is clean. */
export function productTextFindings(where: string, text: string): ProductTextFinding[] {
  const findings: ProductTextFinding[] = [];
  for (const { id, pattern } of PRODUCT_TEXT_PATTERNS) {
    const match = pattern.exec(text);
    if (match) findings.push({ where, id, match: match[0].trim() });
  }
  return findings;
}
