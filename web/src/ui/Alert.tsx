import type { ReactNode } from "react";

/** A message block; `error` is announced at once (role="alert"), `info` politely (role="status"). */
export function Alert({ tone = "info", title, children }: { tone?: "info" | "error" | "success"; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children}
    </div>
  );
}

/** Errors a form cannot place at a field, listed above it. */
export function FormAlert({ messages, title }: { messages: readonly string[]; title?: string }) {
  if (messages.length === 0) return null;
  return (
    <Alert tone="error" {...(title ? { title } : {})}>
      <ul className="alert__list">
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </Alert>
  );
}
