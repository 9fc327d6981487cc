import { redirect } from "@/i18n/navigation";
import { getLocale } from "next-intl/server";
import { getViewer } from "@/lib/auth/viewer";

export default async function Home() {
  const locale = await getLocale();
  const viewer = await getViewer();
  redirect({ href: viewer ? "/studio" : "/sign-in", locale });
}
