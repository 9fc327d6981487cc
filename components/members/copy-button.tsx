"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Copies a text to the clipboard; without JavaScript the text stays selectable in its field. */
export function CopyButton({ text }: { text: string }) {
  const t = useTranslations("MembersPage");
  const [copied, setCopied] = useState(false);
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(text);
          setCopied(true);
        }}
      >
        {t("copy")}
      </Button>
      <span role="status" className="text-sm text-emerald-800">
        {copied ? t("copied") : ""}
      </span>
    </>
  );
}
