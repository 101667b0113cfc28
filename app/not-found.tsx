import Link from "next/link";
import { english } from "@/lib/i18n/catalogue";
import "./globals.css";

/** For addresses outside every language (they never pass the locale proxy): plain English. */
export default function NotFound() {
  const text = english.common.notFound;
  return (
    <html lang="en-HK">
      <body>
        <main id="main" className="container section">
          <h1>{text.title}</h1>
          <p className="lead">{text.lead}</p>
          <p>
            <Link href="/">{text.home}</Link>
          </p>
        </main>
      </body>
    </html>
  );
}
