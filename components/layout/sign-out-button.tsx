import { getTranslations } from "next-intl/server";

export async function SignOutButton({ action }: { action: () => Promise<void> }) {
  const t = await getTranslations("Common");
  return (
    <form action={action}>
      <button type="submit" className="header-action">
        {t("signOut")}
      </button>
    </form>
  );
}
