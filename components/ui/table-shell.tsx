import { useId, type ReactNode } from "react";

/**
 * A data table that scrolls sideways inside its own box on narrow screens instead of widening the page.
 * The caption names the table for screen readers; `visibleCaption` shows it too. The box takes the
 * keyboard focus, named by the caption, so a keyboard user can scroll it (WCAG 2.1.1) when it is wider
 * than the screen.
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
  const captionId = useId();
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={captionId}>
      <table className={className ? `table ${className}` : "table"}>
        <caption id={captionId} className={visibleCaption ? undefined : "visually-hidden"}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
