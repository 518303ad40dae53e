// The editor's inputs besides the shared TextField: select, text area, checkbox, each with its label,
// hint and error slot wired for screen readers, like ui/Field.tsx.
import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface Described {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

/** ids and aria attributes shared by every field: hint and error are read with the input. */
function useDescribed({ hint, error }: Omit<Described, "label">) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, aria: { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy } };
}

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <p className="field__hint" id={id}>
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error, children }: { id: string; error?: string | undefined; children?: ReactNode }) {
  if (!error) return null;
  return (
    <div className="field__error" id={id}>
      <p>
        <span aria-hidden="true">⚠ </span>
        {error}
      </p>
      {children}
    </div>
  );
}

interface SelectFieldProps extends Described, Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  options: readonly { value: string; label: string }[];
}

export function SelectField({ label, hint, error, options, ...select }: SelectFieldProps) {
  const { id, hintId, errorId, aria } = useDescribed({ hint, error });
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <select id={id} {...aria} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

interface TextAreaFieldProps extends Described, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  /** Shown under the error (e.g. the inclusive wording the server suggests). */
  errorAction?: ReactNode;
}

export function TextAreaField({ label, hint, error, errorAction, ...area }: TextAreaFieldProps) {
  const { id, hintId, errorId, aria } = useDescribed({ hint, error });
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea id={id} rows={8} {...aria} {...area} />
      <FieldError id={errorId} error={error}>
        {errorAction}
      </FieldError>
    </div>
  );
}

export function CheckboxField({ label, hint, error, checked, onChange, disabled }: Described & { checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  const { id, hintId, errorId, aria } = useDescribed({ hint, error });
  return (
    <div className={error ? "field field--invalid field--checkbox" : "field field--checkbox"}>
      <div className="checkbox">
        <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} {...aria} />
        <label htmlFor={id}>{label}</label>
      </div>
      <Hint id={hintId} hint={hint} />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** Turns a label table ({CDI: "CDI", …}) into select options, with an optional empty first choice. */
export function optionsOf<Key extends string>(labels: Record<Key, string>, empty?: string): { value: string; label: string }[] {
  const options = (Object.keys(labels) as Key[]).map((value) => ({ value, label: labels[value] }));
  return empty === undefined ? options : [{ value: "", label: empty }, ...options];
}
