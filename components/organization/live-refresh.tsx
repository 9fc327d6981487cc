"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** While a job runs, fetches the page's fresh server render every few seconds (JavaScript on). */
export function LiveRefresh({ intervalMs = 1500 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs]);
  return null;
}
