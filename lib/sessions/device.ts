import Bowser from "bowser";

/** "Firefox 128 · Windows": what a person recognizes of a browser; the raw user agent is not kept. */
export function describeDevice(userAgent: string | null | undefined): string | null {
  const raw = (userAgent ?? "").slice(0, 1000);
  if (!raw.trim()) return null;
  const parsed = Bowser.parse(raw);
  const browser = parsed.browser.name ? [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ") : null;
  const system = parsed.os.name ?? null;
  const summary = [browser, system].filter(Boolean).join(" · ");
  return summary ? summary.slice(0, 100) : null;
}
