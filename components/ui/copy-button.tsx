"use client";

import { useState, useSyncExternalStore } from "react";
import { Button } from "./button";

// True once the browser runs this component's JavaScript (false in the server render).
const noSubscription = () => () => {};

/** Copies a text with one click; absent without JavaScript, where the text stays selectable. */
export function CopyButton({ value, label, copiedLabel, failedLabel }: { value: string; label: string; copiedLabel: string; failedLabel: string }) {
  const [outcome, setOutcome] = useState<"idle" | "copied" | "failed">("idle");
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!ready) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="text-sm text-slate-700">
        {outcome === "copied" ? copiedLabel : outcome === "failed" ? failedLabel : ""}
      </span>
    </span>
  );
}
