// Mutation payload errors `[{field, message, code}]` placed at the field they name.
import { useCallback, useState } from "react";

export interface PayloadError {
  field?: string | null;
  message: string;
  code: string;
}

export interface FormErrors {
  /** The message for one input (by the API's camelCase field name), or undefined. */
  at: (field: string) => string | undefined;
  /** Errors that name no field (or a field the form does not show): shown above the form. */
  general: string[];
  any: boolean;
}

const NONE: FormErrors = { at: () => undefined, general: [], any: false };

export function formErrors(errors: readonly PayloadError[], shownFields: readonly string[]): FormErrors {
  if (errors.length === 0) return NONE;
  const byField = new Map<string, string>();
  const general: string[] = [];
  for (const error of errors) {
    const field = error.field ?? "";
    if (shownFields.includes(field) && !byField.has(field)) byField.set(field, error.message);
    else general.push(error.message);
  }
  return { at: (field) => byField.get(field), general, any: true };
}

/** Holds the last payload errors of a form; `show(payload.errors)` after each submit. */
export function useFormErrors(shownFields: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const show = useCallback(
    (payloadErrors: readonly PayloadError[]) => setErrors(formErrors(payloadErrors, shownFields)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shownFields.join("|")],
  );
  const clear = useCallback(() => setErrors(NONE), []);
  return { errors, show, clear };
}
