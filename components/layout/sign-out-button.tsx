import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/[locale]/(auth)/actions";

export async function SignOutButton() {
  const t = await getTranslations("Common");
  return (
    <form action={signOutAction}>
      <button type="submit" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium text-slate-700 underline-offset-2 hover:underline">
        {t("signOut")}
      </button>
    </form>
  );
}
