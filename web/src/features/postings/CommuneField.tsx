// The commune of a posting's place: once a postal code has five digits, its communes are looked up
// (`communes(postalCode)`); one commune is taken as is, several are offered to choose from (the INSEE
// code is sent), none is said. Without a postal code, the town typed is looked up by name
// (`searchCommunes`) and the communes of that name are offered the same way.
import { useEffect } from "react";
import { useQuery } from "urql";
import { TextField } from "../../ui/Field";
import { SelectField } from "./fields";
import { messages } from "./messages";
import { CommunesDocument, SearchCommunesDocument } from "./operations";
import { useDebounced } from "./useDebounced";

interface CommuneFieldProps {
  postalCode: string;
  commune: string;
  communeCode: string;
  onChange: (change: { commune: string; communeCode: string }) => void;
  error?: string | undefined;
  disabled?: boolean;
}

export function CommuneField({ postalCode, commune, communeCode, onChange, error, disabled = false }: CommuneFieldProps) {
  const text = messages.place;
  const code = postalCode.trim();
  const complete = /^\d{5}$/.test(code);
  const [result] = useQuery({ query: CommunesDocument, variables: { postalCode: code }, pause: !complete });
  const communes = complete && result.data && !result.stale ? result.data.communes : null;
  const typed = useDebounced(commune.trim());
  const byName = !complete && code === "" && !communeCode && typed.length >= 2 && !disabled;
  const [named] = useQuery({ query: SearchCommunesDocument, variables: { name: typed }, pause: !byName });
  const namesakes = byName && named.data && !named.stale ? named.data.searchCommunes : null;

  useEffect(() => {
    if (communes === null || disabled) return;
    const only = communes.length === 1 ? communes[0] : undefined;
    if (only !== undefined && only.code !== communeCode) onChange({ commune: only.name, communeCode: only.code });
    // a commune chosen for another postal code no longer applies
    else if (communeCode && !communes.some((found) => found.code === communeCode)) onChange({ commune: "", communeCode: "" });
  }, [communes, communeCode, disabled, onChange]);

  if (communes !== null && communes.length > 1) {
    return (
      <SelectField
        label={text.commune}
        hint={text.communesFound(communes.length)}
        name="communeCode"
        value={communeCode}
        disabled={disabled}
        error={error}
        options={[{ value: "", label: messages.editor.fields.choose }, ...communes.map((found) => ({ value: found.code, label: found.name }))]}
        onChange={(event) => {
          const chosen = communes.find((found) => found.code === event.target.value);
          onChange({ commune: chosen?.name ?? "", communeCode: chosen?.code ?? "" });
        }}
      />
    );
  }
  const chosen = code === "" && communeCode ? text.townChosen(commune) : null;
  return (
    <>
      <TextField
        label={text.commune}
        hint={communes === null ? text.communeHint : communes.length === 0 ? text.noCommune : text.oneCommune}
        name="commune"
        autoComplete="address-level2"
        value={commune}
        readOnly={communes !== null && communes.length === 1}
        disabled={disabled}
        error={error}
        onChange={(event) => onChange({ commune: event.target.value, communeCode: "" })}
      />
      {namesakes !== null && (
        <SelectField
          label={text.townMatches}
          hint={text.townMatchesHint(namesakes.length)}
          name="townCommuneCode"
          value=""
          disabled={disabled || namesakes.length === 0}
          options={[
            { value: "", label: messages.editor.fields.choose },
            ...namesakes.map((found) => ({ value: found.code, label: `${found.name} (${found.postalCode})` })),
          ]}
          onChange={(event) => {
            const picked = namesakes.find((found) => found.code === event.target.value);
            if (picked) onChange({ commune: picked.name, communeCode: picked.code });
          }}
        />
      )}
      {chosen !== null && <p className="field-hint">{chosen}</p>}
    </>
  );
}
