// Languages a posting asks for, each with its CEFR level (A1–C2); errors land on the row they name
// (`languages[1].level`), as the API reports them.
import { useId } from "react";
import type { CefrLevel } from "../../graphql/graphql";
import { Button } from "../../ui/Button";
import { FieldError } from "./fields";
import { languageKey, type LanguageChoice } from "./draft";
import { messages } from "./messages";

/** The languages offered first (ISO 639-1); a posting's other codes are kept and shown too. */
const COMMON = ["en", "es", "de", "it", "pt", "nl", "ar", "zh", "ru", "ja", "pl", "ro", "tr", "fr"] as const;
const LEVELS: readonly CefrLevel[] = ["A1", "A2", "B1", "B2", "C1", "C2"];
const names = new Intl.DisplayNames(["fr-FR"], { type: "language" });

export function languageName(code: string): string {
  const name = names.of(code) ?? code;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

interface LanguagesFieldProps {
  value: readonly LanguageChoice[];
  onChange: (value: LanguageChoice[]) => void;
  errorAt: (field: string) => string | undefined;
  disabled?: boolean;
}

export function LanguagesField({ value, onChange, errorAt, disabled = false }: LanguagesFieldProps) {
  const text = messages.languages;
  const id = useId();
  const listError = errorAt("languages");

  function update(key: string, change: Partial<LanguageChoice>) {
    onChange(value.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  function add() {
    const used = new Set(value.map((item) => item.code));
    const code = COMMON.find((candidate) => !used.has(candidate)) ?? "en";
    onChange([...value, { key: languageKey(), code, level: "B2" }]);
  }

  return (
    <fieldset className="languages" aria-describedby={`${id}-hint`}>
      <legend>{text.legend}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {text.hint}
      </p>
      <FieldError id={`${id}-error`} error={listError} />
      {value.length === 0 ? <p className="empty">{text.none}</p> : null}
      <ul className="languages__rows">
        {value.map((item, index) => {
          const codeError = errorAt(`languages[${index}].code`);
          const levelError = errorAt(`languages[${index}].level`);
          const codes = COMMON.includes(item.code as (typeof COMMON)[number]) ? COMMON : [item.code, ...COMMON];
          return (
            <li key={item.key} className="languages__row">
              <div className={codeError ? "field field--invalid" : "field"}>
                <label htmlFor={`${id}-${item.key}-code`}>{text.language(index)}</label>
                <select
                  id={`${id}-${item.key}-code`}
                  value={item.code}
                  disabled={disabled}
                  aria-invalid={codeError ? true : undefined}
                  aria-describedby={codeError ? `${id}-${item.key}-code-error` : undefined}
                  onChange={(event) => update(item.key, { code: event.target.value })}
                >
                  {codes.map((code) => (
                    <option key={code} value={code}>
                      {languageName(code)}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-${item.key}-code-error`} error={codeError} />
              </div>
              <div className={levelError ? "field field--invalid" : "field"}>
                <label htmlFor={`${id}-${item.key}-level`}>{text.level(index)}</label>
                <select
                  id={`${id}-${item.key}-level`}
                  value={item.level}
                  disabled={disabled}
                  aria-invalid={levelError ? true : undefined}
                  aria-describedby={levelError ? `${id}-${item.key}-level-error` : undefined}
                  onChange={(event) => update(item.key, { level: event.target.value as CefrLevel })}
                >
                  {LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {messages.labels.cefr[level]}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-${item.key}-level-error`} error={levelError} />
              </div>
              {disabled ? null : (
                <Button variant="secondary" className="button button--secondary button--small" onClick={() => onChange(value.filter((other) => other.key !== item.key))}>
                  {text.remove(index)}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {disabled ? null : (
        <p>
          <Button variant="secondary" onClick={add}>
            {text.add}
          </Button>
        </p>
      )}
    </fieldset>
  );
}
