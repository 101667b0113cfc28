"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Renders its children only once the spot scrolls near the viewport. Charts sit below the fold and
 * recharts is the heaviest script a public page would load (about 108 kB gzipped), so it is fetched
 * when a reader gets there instead of with the page (each route stays under 250 kB of script). The
 * placeholder keeps the layout and says what will appear; the tables next to each chart hold the
 * same figures for readers without JavaScript.
 */
export function WhenVisible({ children, placeholder, minHeight }: { children: ReactNode; placeholder: ReactNode; minHeight: number }) {
  const spot = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = spot.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: "200px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);
  return (
    // The reserved height only holds the place; once drawn, the content sets its own height.
    <div ref={spot} style={visible ? undefined : { minHeight }}>
      {visible ? children : placeholder}
    </div>
  );
}
