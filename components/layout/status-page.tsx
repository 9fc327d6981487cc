import type { ReactNode } from "react";
import { LocaleSwitcher } from "./locale-switcher";

/** A plain page for 403, 404 and signed-out states: a heading, what happened, what to do next. */
export function StatusPage({ title, body, detail, children }: { title: string; body: string; detail?: string; children?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex justify-end p-4">
        <LocaleSwitcher />
      </header>
      <main id="main" className="mx-auto w-full max-w-xl flex-1 space-y-4 px-4 py-12">
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        <p className="text-slate-700">{body}</p>
        {detail ? <p className="text-slate-700">{detail}</p> : null}
        {children ? <div className="flex flex-wrap gap-4">{children}</div> : null}
      </main>
    </div>
  );
}
