"use client";

// Client components, though they use no state: a server page's payload then carries each card or
// notice as a reference and its props, not as its elements, which the HTML carries a second time.
import type { ReactNode } from "react";

export function Card({ title, children, id }: { title?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={title && id ? `${id}-title` : undefined} className="card">
      {title ? (
        <h2 id={id ? `${id}-title` : undefined} className="card-title">
          {title}
        </h2>
      ) : null}
      {children}
    </section>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "warning"; children: ReactNode }) {
  return <div className={`notice notice-${tone}`}>{children}</div>;
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
