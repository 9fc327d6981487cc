import { notFound } from "next/navigation";

// Unknown addresses inside a locale get the localized not-found page.
export default function CatchAll() {
  notFound();
}
