// Invite a recruiter (or another admin) of the company; the invitation link is shown to pass on.
import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { messages as appMessages } from "../../app/messages";
import { ProblemNotice } from "../../app/ProblemView";
import type { UserRole } from "../../graphql/graphql";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors } from "../../ui/form";
import { messages } from "./messages";
import { InviteTeammateDocument } from "./operations";

const text = messages.invite;
const FIELDS = ["email", "fullName", "role"] as const;
const ROLES: UserRole[] = ["PARTNER_RECRUITER", "PARTNER_ADMIN"];

export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState("");
  const [fullName, setFullName] = useState("");
  const [role, setRole] = useState<UserRole>("PARTNER_RECRUITER");
  const [sent, setSent] = useState<{ email: string; link: string | null } | null>(null);
  const [state, invite] = useMutation(InviteTeammateDocument);
  const { errors, show } = useFormErrors(FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const outcome = await invite({ input: { email: email.trim(), fullName: fullName.trim(), role } });
    const payload = outcome.data?.inviteUser;
    if (!payload) return;
    show(payload.errors);
    if (payload.errors.length === 0 && payload.user) {
      const token = payload.invitationToken;
      setSent({ email: payload.user.email, link: token ? `${window.location.origin}/invitation/${encodeURIComponent(token)}` : null });
      setEmail("");
      setFullName("");
      onInvited();
    }
  };

  return (
    <section aria-labelledby="invite-heading" className="panel">
      <h2 id="invite-heading">{text.heading}</h2>
      {sent ? (
        <Alert tone="success" title={text.sent(sent.email)}>
          {sent.link ? (
            <>
              <p>{text.link}</p>
              <p className="invitation-link">
                <code>{sent.link}</code>
              </p>
            </>
          ) : null}
        </Alert>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate className="narrow">
        <FormAlert messages={errors.general} />
        {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
        <TextField label={text.email} type="email" autoComplete="off" required value={email} onChange={(event) => setEmail(event.target.value)} error={errors.at("email")} />
        <TextField label={text.fullName} hint={text.fullNameHint} autoComplete="off" value={fullName} onChange={(event) => setFullName(event.target.value)} error={errors.at("fullName")} />
        <div className={errors.at("role") ? "field field--invalid" : "field"}>
          <label htmlFor="invite-role">{text.role}</label>
          <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {appMessages.roles[value]}
              </option>
            ))}
          </select>
          {errors.at("role") ? <p className="field__error">{errors.at("role")}</p> : null}
        </div>
        <div className="actions">
          <Button type="submit" busy={state.fetching}>
            {text.submit}
          </Button>
        </div>
      </form>
    </section>
  );
}
