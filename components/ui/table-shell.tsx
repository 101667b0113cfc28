import type { ReactNode } from "react";

/**
 * A data table that scrolls sideways inside its own box on narrow screens instead of widening the page.
 * The caption names the table for screen readers; `visibleCaption` shows it too.
 */
export function TableShell({
  caption,
  visibleCaption = false,
  className,
  children,
}: {
  caption: ReactNode;
  visibleCaption?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : "table"}>
        <caption className={visibleCaption ? undefined : "visually-hidden"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
