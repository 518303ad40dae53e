// The commune of a posting's place, typed freely.
import { TextField } from "../../ui/Field";
import { messages } from "./messages";

interface CommuneFieldProps {
  postalCode: string;
  value: string;
  onChange: (commune: string) => void;
  error?: string | undefined;
  disabled?: boolean;
}

export function CommuneField({ value, onChange, error, disabled = false }: CommuneFieldProps) {
  return (
    <TextField
      label={messages.place.commune}
      name="commune"
      autoComplete="address-level2"
      value={value}
      disabled={disabled}
      error={error}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
