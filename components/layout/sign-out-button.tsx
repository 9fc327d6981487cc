import { getTranslations } from "next-intl/server";

export async function SignOutButton({ action }: { action: () => Promise<void> }) {
  const t = await getTranslations("Common");
  return (
    <form action={action}>
      <button type="submit" className="whitespace-nowrap rounded px-2 py-1 text-sm font-medium text-slate-700 underline-offset-2 hover:underline">
        {t("signOut")}
      </button>
    </form>
  );
}
