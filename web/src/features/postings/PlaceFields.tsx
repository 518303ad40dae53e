// Where the work happens: remote policy (and days for partial remote), then the place by postal code
// and commune, or a département alone; full remote has no place.
import { TextField } from "../../ui/Field";
import type { RemotePolicy } from "../../graphql/graphql";
import { optionsOf, SelectField } from "./fields";
import type { Draft } from "./draft";
import { messages } from "./messages";
import { CommuneField } from "./CommuneField";

type PlaceDraft = Pick<Draft, "remotePolicy" | "remoteDays" | "postalCode" | "commune" | "communeCode" | "departement">;

interface PlaceFieldsProps {
  value: PlaceDraft;
  onChange: (change: Partial<PlaceDraft>) => void;
  errorAt: (field: string) => string | undefined;
  disabled?: boolean;
}

export function PlaceFields({ value, onChange, errorAt, disabled = false }: PlaceFieldsProps) {
  const fields = messages.editor.fields;
  const text = messages.place;
  return (
    <>
      <div className="grid-2">
        <SelectField
          label={fields.remotePolicy}
          name="remotePolicy"
          value={value.remotePolicy}
          disabled={disabled}
          options={optionsOf(messages.labels.remotePolicy)}
          error={errorAt("remotePolicy")}
          onChange={(event) => onChange({ remotePolicy: event.target.value as RemotePolicy })}
        />
        {value.remotePolicy === "PARTIAL" || errorAt("remoteDays") ? (
          <TextField
            label={fields.remoteDays}
            hint={fields.remoteDaysHint}
            name="remoteDays"
            inputMode="numeric"
            value={value.remoteDays}
            disabled={disabled}
            error={errorAt("remoteDays")}
            onChange={(event) => onChange({ remoteDays: event.target.value })}
          />
        ) : null}
      </div>
      {value.remotePolicy === "FULL" ? (
        <p className="field__hint">{text.fullRemoteNoPlace}</p>
      ) : (
        <div className="grid-3">
          <TextField
            label={text.postalCode}
            hint={text.postalCodeHint}
            name="postalCode"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            value={value.postalCode}
            disabled={disabled}
            error={errorAt("postalCode")}
            onChange={(event) => onChange({ postalCode: event.target.value })}
          />
          <CommuneField
            postalCode={value.postalCode}
            commune={value.commune}
            communeCode={value.communeCode}
            disabled={disabled}
            error={errorAt("communeCode") ?? errorAt("commune")}
            onChange={onChange}
          />
          <TextField
            label={text.departement}
            hint={text.departementHint}
            name="departement"
            maxLength={3}
            value={value.departement}
            disabled={disabled || /^\d{5}$/.test(value.postalCode.trim())}
            error={errorAt("departement")}
            onChange={(event) => onChange({ departement: event.target.value })}
          />
        </div>
      )}
    </>
  );
}
