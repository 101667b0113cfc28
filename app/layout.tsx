import type { ReactNode } from "react";

// The real root layout is app/[locale]/layout.tsx, which knows the language for <html lang>. This one
// only lets app/not-found.tsx answer requests that never reach a locale (for example /api/unknown).
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
