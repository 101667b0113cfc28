import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { TableShell } from "@/components/ui/table-shell";
import type { Block, PresentedDocument } from "@/lib/incidents/report/presentation";

/**
 * Draws a presented report or statement (lib/incidents/report/presentation.ts) as HTML: the same
 * sections, labels and figures its PDF draws. Server-rendered, readable without JavaScript.
 */
export function PresentedDocumentView({ document, level = 1, badges }: { document: PresentedDocument; level?: 1 | 2; badges?: string[] }) {
  const Title = level === 1 ? "h1" : "h2";
  const Heading = level === 1 ? "h2" : "h3";
  return (
    <article className="stack">
      <header className="section-page">
        <Title>{document.title}</Title>
        <p className="lead">{document.subtitle}</p>
        {badges?.length ? (
          <p>
            {badges.map((badge, i) => (
              <span key={badge}>
                {i > 0 ? " → " : null}
                <Badge>{badge}</Badge>
              </span>
            ))}
          </p>
        ) : null}
      </header>
      {document.sections.map((section) => (
        <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`} className="stack">
          <Heading id={`${section.id}-title`}>{section.title}</Heading>
          {section.blocks.map((block, i) => (
            <BlockView key={i} block={block} />
          ))}
        </section>
      ))}
    </article>
  );
}

function BlockView({ block }: { block: Block }): ReactNode {
  switch (block.kind) {
    case "text":
      return <p>{block.text}</p>;
    case "facts":
      return (
        <TableShell caption={block.caption}>
          <tbody>
            {block.facts.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      );
    case "table": {
      const table = (
        <TableShell caption={block.caption} visibleCaption>
          <thead>
            <tr>
              {block.columns.map((column) => (
                <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c} className={block.columns[c]?.numeric ? "num" : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </TableShell>
      );
      // A long table (prices around the event, a busy timeline) starts folded, so the page stays readable;
      // it is all there, and the PDF prints it whole.
      return block.rows.length > FOLD_ROWS_ABOVE ? <FoldedTable caption={block.caption} rows={block.rows.length} table={table} /> : table;
    }
  }
}

const FOLD_ROWS_ABOVE = 25;

function FoldedTable({ caption, rows, table }: { caption: string; rows: number; table: ReactNode }) {
  const t = useTranslations("incidents.common");
  return (
    <details>
      <summary>{t("foldedTable", { caption, rows })}</summary>
      {table}
    </details>
  );
}
