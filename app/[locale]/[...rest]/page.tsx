import { notFound } from "next/navigation";

// Unknown addresses inside a language get that language's not-found page (with the site's header and footer).
export default function UnknownPage() {
  notFound();
}
