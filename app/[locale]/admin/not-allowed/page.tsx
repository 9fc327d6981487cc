import { forbidden } from "next/navigation";

// The middleware rewrites sections the viewer's role cannot open to this route: it answers 403.
export default function NotAllowed() {
  forbidden();
}
