// An invited person chooses a password (link /invitation/<token> or ?token=) and lands signed in.
import { useState, type FormEvent } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import { homeFor, useSession } from "../../app/session";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors } from "../../ui/form";
import { PageTitle } from "../../ui/PageTitle";
import { AcceptInvitationDocument } from "./operations";
import { nextStepPath } from "./SignInPage";
import { messages } from "./messages";

const FIELDS = ["password", "fullName", "confirmation"] as const;

export function AcceptInvitationPage() {
  const { token: pathToken } = useParams();
  const [params] = useSearchParams();
  const token = pathToken ?? params.get("token") ?? "";
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [fullName, setFullName] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [state, accept] = useMutation(AcceptInvitationDocument);
  const { errors, show } = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirmation) {
      show([{ field: "confirmation", message: messages.passwordsDiffer, code: "PASSWORDS_DIFFER" }]);
      return;
    }
    const result = await accept({ token, password, fullName: fullName.trim() || null });
    const payload = result.data?.acceptInvitation;
    if (!payload) return;
    const step = nextStepPath(payload.nextStep);
    if (step && payload.challenge) {
      navigate(step, { state: { challenge: payload.challenge } });
      return;
    }
    if (payload.errors.length > 0 || !payload.user) {
      show(payload.errors);
      return;
    }
    await refresh();
    navigate(homeFor(payload.user.role), { replace: true });
  }

  return (
    <section className="narrow">
      <PageTitle>{messages.invitationTitle}</PageTitle>
      {token === "" ? (
        <Alert tone="error">{messages.missingToken}</Alert>
      ) : (
        <>
          {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
          <p>{messages.invitationIntro}</p>
          <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
          <form onSubmit={submit} noValidate>
            <TextField label={messages.fullName} hint={messages.fullNameHint} name="fullName" autoComplete="name" value={fullName} onChange={(event) => setFullName(event.target.value)} error={errors.at("fullName")} />
            <TextField label={messages.newPassword} hint={messages.newPasswordHint} type="password" name="password" autoComplete="new-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={errors.at("password")} />
            <TextField label={messages.confirmPassword} type="password" name="confirmation" autoComplete="new-password" required value={confirmation} onChange={(event) => setConfirmation(event.target.value)} error={errors.at("confirmation")} />
            <Button type="submit" busy={state.fetching}>
              {state.fetching ? messages.accepting : messages.accept}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}
