import type { ReactNode } from "react";

export function Card({ title, children, id }: { title?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={title && id ? `${id}-title` : undefined} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      {title ? (
        <h2 id={id ? `${id}-title` : undefined} className="mb-4 text-lg font-semibold text-slate-900">
          {title}
        </h2>
      ) : null}
      {children}
    </section>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "warning"; children: ReactNode }) {
  const tones = {
    info: "border-sky-300 bg-sky-50 text-sky-950",
    success: "border-emerald-300 bg-emerald-50 text-emerald-950",
    warning: "border-amber-400 bg-amber-50 text-amber-950",
  };
  return <div className={`rounded-md border p-3 text-sm ${tones[tone]}`}>{children}</div>;
}

/** What a form's action answered: a success notice, or a warning announced as an alert. */
export function OutcomeNotice({ success, children }: { success: boolean; children: ReactNode }) {
  if (success) return <Notice tone="success">{children}</Notice>;
  return (
    <div role="alert">
      <Notice tone="warning">{children}</Notice>
    </div>
  );
}
