"use client";

import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret, shown once, right after it was made. */
export function NewSecret({ secret }: { secret: string }) {
  const t = useTranslations("AuditStreaming");
  return (
    <div className="mt-2 space-y-2">
      <p className="text-sm">{t("secretOnce")}</p>
      <code data-testid="signing-secret" className="block break-all rounded bg-slate-100 p-2 text-sm">{secret}</code>
      <CopyButton value={secret} label={t("copySecret")} copiedLabel={t("copied")} failedLabel={t("copyFailed")} />
    </div>
  );
}
