import type { ReactNode } from "react";

/** The red-bordered section at the bottom of the page that holds the irreversible actions. */
export function DangerZone({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <section aria-labelledby="danger-zone-title" className="rounded-lg border-2 border-red-700 bg-white">
      <div className="border-b border-red-200 bg-red-50 px-5 py-4 sm:px-6">
        <h2 id="danger-zone-title" className="text-lg font-semibold text-red-800">
          {title}
        </h2>
        <p className="text-sm text-red-900">{intro}</p>
      </div>
      <div className="divide-y divide-red-200">{children}</div>
    </section>
  );
}

/** One irreversible action: what it removes, what stays, and its own confirmation. */
export function DangerAction({ id, title, whatGoes, whatStays, irreversible, children }: {
  id: string;
  title: string;
  whatGoes: string;
  whatStays: string;
  irreversible: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="space-y-3 px-5 py-5 sm:px-6">
      <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {title}
      </h3>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
        <li>{whatGoes}</li>
        <li>{whatStays}</li>
        <li className="font-semibold text-red-800">{irreversible}</li>
      </ul>
      {children}
    </section>
  );
}
