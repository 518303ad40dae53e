import type { ButtonHTMLAttributes } from "react";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: "primary" | "secondary" | "danger";
  busy?: boolean;
}

/** A real <button>; while `busy` it stays focusable but refuses a second submit (aria-disabled). */
export function Button({ variant = "primary", busy = false, type = "button", children, onClick, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={`button button--${variant}`}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    >
      {children}
    </button>
  );
}
