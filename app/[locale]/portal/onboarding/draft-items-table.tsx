import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { TableShell } from "@/components/ui/table-shell";
import type { EvidenceDocumentMeta } from "@/lib/services/suitability/evidence-documents";
import { draftItemFingerprint } from "@/lib/services/suitability/internal";
import { DocumentLink } from "./document-link";
import { RemovableList, RemoveButton } from "./remove-item";

export interface DraftColumn<Item> {
  header: string;
  cell: (item: Item) => ReactNode;
  /** A figure: right-aligned, header and cells. */
  numeric?: boolean;
  /** Cells that must not wrap (dates). */
  nowrap?: boolean;
}

/**
 * One list of the application (portfolio lines, total-assets lines, courses, roles, trades): a table
 * with a Remove button on every row, or `empty` when there is nothing yet. `actions` is the hidden
 * header of the buttons' column; `removeWhat` names a row for its button.
 */
export function DraftItemsTable<Item>({
  list,
  items,
  disabled,
  caption,
  empty,
  columns,
  actions,
  removeWhat,
}: {
  list: string;
  items: readonly Item[];
  disabled: boolean;
  caption: string;
  empty: string;
  columns: readonly DraftColumn<Item>[];
  actions: string;
  removeWhat: (item: Item, index: number) => string;
}) {
  const className = (column: DraftColumn<Item>) => (column.numeric ? "num" : column.nowrap ? "nowrap" : undefined);
  return (
    <RemovableList list={list} count={items.length} disabled={disabled}>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <TableShell caption={caption}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col" className={column.numeric ? "num" : undefined}>
                  {column.header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column.header} className={className(column)}>
                    {column.cell(item)}
                  </td>
                ))}
                <td>
                  <RemoveButton index={index} fingerprint={draftItemFingerprint(item)} what={removeWhat(item, index)} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
    </RemovableList>
  );
}

/** A row's uploaded document, or that none was attached (the knowledge records' document is optional). */
export function ItemDocument({ id, documents }: { id: string | null; documents: ReadonlyMap<string, EvidenceDocumentMeta> }) {
  const t = useTranslations("onboarding.document");
  return id === null ? <span className="muted">{t("noneAttached")}</span> : <DocumentLink document={documents.get(id)} />;
}
