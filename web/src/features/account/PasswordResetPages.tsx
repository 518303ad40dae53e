// Forgotten password: ask for a link (same answer for every address), then choose a new password.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors } from "../../ui/form";
import { PageTitle } from "../../ui/PageTitle";
import { RequestPasswordResetDocument, ResetPasswordDocument } from "./operations";
import { messages } from "./messages";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [state, request] = useMutation(RequestPasswordResetDocument);
  const { errors, show } = useFormErrors(["email"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = (await request({ email })).data?.requestPasswordReset;
    if (!payload) return;
    show(payload.errors);
    setSent(payload.ok);
  }

  return (
    <section className="narrow">
      <PageTitle>{messages.forgotTitle}</PageTitle>
      {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
      {sent ? (
        <Alert tone="success">{messages.forgotSent}</Alert>
      ) : (
        <>
          <p>{messages.forgotIntro}</p>
          <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
          <form onSubmit={submit} noValidate>
            <TextField label={messages.email} type="email" name="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} error={errors.at("email")} />
            <Button type="submit" busy={state.fetching}>
              {messages.forgotSubmit}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [done, setDone] = useState(false);
  const [state, reset] = useMutation(ResetPasswordDocument);
  const { errors, show } = useFormErrors(["password", "confirmation"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirmation) {
      show([{ field: "confirmation", message: messages.passwordsDiffer, code: "PASSWORDS_DIFFER" }]);
      return;
    }
    const payload = (await reset({ token, password })).data?.resetPassword;
    if (!payload) return;
    show(payload.errors);
    setDone(payload.ok);
  }

  return (
    <section className="narrow">
      <PageTitle>{messages.resetTitle}</PageTitle>
      {token === "" ? (
        <Alert tone="error">{messages.missingToken}</Alert>
      ) : done ? (
        <Alert tone="success">
          {messages.resetDone} <Link to="/connexion">{messages.signIn}</Link>
        </Alert>
      ) : (
        <>
          {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
          <p>{messages.resetIntro}</p>
          <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
          <form onSubmit={submit} noValidate>
            <TextField label={messages.newPassword} hint={messages.newPasswordHint} type="password" name="password" autoComplete="new-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={errors.at("password")} />
            <TextField label={messages.confirmPassword} type="password" name="confirmation" autoComplete="new-password" required value={confirmation} onChange={(event) => setConfirmation(event.target.value)} error={errors.at("confirmation")} />
            <Button type="submit" busy={state.fetching}>
              {messages.resetSubmit}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}
