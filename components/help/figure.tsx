import fs from "node:fs";
import path from "node:path";
import type { AppLocale } from "@/i18n/locales";
import type { Screenshot } from "@/lib/help";
import { RichText } from "./rich-text";

type Manifest = Partial<Record<string, { file: string; width: number; height: number }>>;

/** Sizes written by `npm run docs:screenshots`; read once, so a missing file is not an error. */
function manifest(): Manifest {
  try {
    return JSON.parse(fs.readFileSync(path.join(process.cwd(), "public", "help", "manifest.json"), "utf8")) as Manifest;
  } catch {
    return {};
  }
}

/** A screenshot of the console in the reader's language; nothing at all until the script made it. */
export function Figure({ locale, image, alt, caption }: { locale: AppLocale; image: Screenshot; alt: string; caption: string }) {
  const entry = manifest()[`${locale}/${image}`];
  if (!entry) return null;
  return (
    <figure className="my-5 break-inside-avoid">
      {/* eslint-disable-next-line @next/next/no-img-element -- already optimized by the screenshot script */}
      <img src={`/help/${entry.file}`} alt={alt} width={entry.width} height={entry.height} loading="lazy" className="h-auto w-full max-w-3xl rounded-lg border border-slate-200 shadow-sm" />
      <figcaption className="mt-2 text-sm text-slate-700"><RichText text={caption} /></figcaption>
    </figure>
  );
}
