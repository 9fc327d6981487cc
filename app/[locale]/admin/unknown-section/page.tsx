import { notFound } from "next/navigation";

// The middleware rewrites addresses that are not console sections to this route: it answers 404.
export default function UnknownSection() {
  notFound();
}
