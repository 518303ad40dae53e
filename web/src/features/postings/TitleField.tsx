// A role's title, normalised as the person types (debounced `normalizeTitle`): the occupation, its ROME
// code and the engine's confidence; the alternatives to pick from when the title is ambiguous; an
// out-of-framework or unknown title explained. A wording refusal shows the inclusive form to apply.
import { useId } from "react";
import { useQuery } from "urql";
import type { NormalizeTitleQuery } from "../../graphql/graphql";
import { FieldError } from "./fields";
import { suggestedWording } from "./draft";
import { messages } from "./messages";
import { NormalizeTitleDocument } from "./operations";
import { useDebounced } from "./useDebounced";

type Normalisation = NormalizeTitleQuery["normalizeTitle"];

export interface PickedOccupation {
  id: string;
  label: string;
}

interface TitleFieldProps {
  value: string;
  onChange: (title: string) => void;
  error?: string | undefined;
  /** The occupation the person chose instead of the engine's, or null. */
  picked: PickedOccupation | null;
  onPick: (occupation: PickedOccupation | null) => void;
  disabled?: boolean;
}

export function TitleField({ value, onChange, error, picked, onPick, disabled = false }: TitleFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const typed = value.trim();
  const settled = useDebounced(typed);
  const [result] = useQuery({ query: NormalizeTitleDocument, variables: { title: settled }, pause: settled.length < 2 });
  const stale = typed !== settled || result.fetching;
  const suggestion = error ? suggestedWording(error) : null;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");

  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{messages.editor.fields.title}</label>
      <p className="field__hint" id={hintId}>
        {messages.editor.fields.titleHintRole}
      </p>
      <input
        id={id}
        name="title"
        required
        autoComplete="off"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <FieldError id={errorId} error={error}>
        {suggestion && !disabled ? (
          <div className="suggestion">
            <p>{messages.wording.suggestion(suggestion)}</p>
            <button type="button" className="button button--secondary" onClick={() => onChange(suggestion)}>
              {messages.wording.apply}
            </button>
          </div>
        ) : null}
      </FieldError>
      {typed.length < 2 ? null : result.data ? (
        <NormalisationPanel normalisation={result.data.normalizeTitle} picked={picked} onPick={onPick} onRetitle={onChange} disabled={disabled} busy={stale} />
      ) : (
        <p className="normalisation__busy" role="status">
          {messages.title.analysing}
        </p>
      )}
    </div>
  );
}

function NormalisationPanel({ normalisation, picked, onPick, onRetitle, disabled, busy }: { normalisation: Normalisation; picked: PickedOccupation | null; onPick: (occupation: PickedOccupation | null) => void; onRetitle: (title: string) => void; disabled: boolean; busy: boolean }) {
  const text = messages.title;
  const status = normalisation.status.toLowerCase();
  const occupation = normalisation.occupation;
  const choices = [
    ...(occupation && status === "ambiguous" ? [{ occupation, score: normalisation.confidence }] : []),
    ...normalisation.alternatives,
  ].filter((choice, index, all) => all.findIndex((other) => other.occupation.id === choice.occupation.id) === index);
  const attributes = describeAttributes(normalisation.attributes);
  // the occupation's own label, offered as a clean title (the one picked, else the one recognised)
  const cleanTitle = picked?.label ?? (status === "matched" ? occupation?.label : undefined);

  return (
    <div className={busy ? "normalisation normalisation--busy" : "normalisation"} aria-busy={busy}>
      <div role="status" className="normalisation__summary">
      {status === "matched" && occupation ? (
        <p>
          <strong>{text.heading} : </strong>
          {text.matched(occupation.label, occupation.romeCode)} — {text.confidence(normalisation.confidence)}
        </p>
      ) : null}
      {status === "ambiguous" ? <p className="normalisation__warning">{text.ambiguous}</p> : null}
      {status === "out_of_framework" ? (
        <p className="normalisation__warning">{text.outOfFramework(normalisation.otherProfession?.label ?? normalisation.input, normalisation.otherProfession?.romeCode ?? null)}</p>
      ) : null}
      {status === "unknown" ? <p className="normalisation__warning">{text.unknown}</p> : null}
      {status === "invalid" ? <p className="normalisation__warning">{text.invalid}</p> : null}
      {normalisation.reason && status !== "matched" ? <p>{text.reason(normalisation.reason)}</p> : null}
      {attributes.length > 0 ? (
        <p className="normalisation__attributes">
          {text.attributes} {attributes.join(", ")}.
        </p>
      ) : null}
      {picked ? (
        <p>
          <strong>{text.picked(picked.label)}</strong>
        </p>
      ) : null}
      </div>
      <div className="actions">
        {cleanTitle && cleanTitle !== normalisation.input ? (
          <button type="button" className="button button--secondary" disabled={disabled} onClick={() => onRetitle(cleanTitle)}>
            {text.applySuggestion(cleanTitle)}
          </button>
        ) : null}
        {picked ? (
          <button type="button" className="button button--secondary" disabled={disabled} onClick={() => onPick(null)}>
            {text.undoPick}
          </button>
        ) : null}
      </div>
      {choices.length > 0 ? (
        <fieldset className="normalisation__choices">
          <legend>{status === "matched" || status === "ambiguous" ? text.alternativesLegend : text.alternativesIfFamily}</legend>
          <ul>
            {choices.map((choice) => {
              const chosen = picked?.id === choice.occupation.id;
              return (
                <li key={choice.occupation.id}>
                  <span>{text.alternative(choice.occupation.label, choice.occupation.romeCode, choice.score)}</span>{" "}
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={disabled || chosen}
                    aria-label={`${chosen ? text.chosen : text.pick} : ${choice.occupation.label}`}
                    onClick={() => onPick({ id: choice.occupation.id, label: choice.occupation.label })}
                  >
                    {chosen ? text.chosen : text.pick}
                  </button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}
    </div>
  );
}

function describeAttributes(attributes: Normalisation["attributes"]): string[] {
  const text = messages.title;
  const found: string[] = [];
  if (attributes.seniority) found.push(text.seniority(attributes.seniority));
  if (attributes.contractType) found.push(text.contract(attributes.contractType));
  if (attributes.workingTime) found.push(text.workingTime(attributes.workingTime));
  if (attributes.placeHint) found.push(text.place(attributes.placeHint));
  if (attributes.languages.length > 0) found.push(text.languages(attributes.languages.join(", ")));
  return found;
}
