import type { ReactNode } from "react";

/** A short status label; `label` is what a screen reader hears when the visible text is terse. */
export function Badge({ tone = "neutral", label, children }: { tone?: "neutral" | "success" | "warning" | "danger" | "info"; label?: string; children: ReactNode }) {
  return (
    <span className={`badge badge--${tone}`} {...(label ? { "aria-label": label, role: "img" } : {})}>
      {children}
    </span>
  );
}
