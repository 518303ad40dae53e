// Sign-in by e-mail and password; the server answers with an HttpOnly session cookie.
import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import { homeFor, useSession, type Role } from "../../app/session";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors } from "../../ui/form";
import { PageTitle } from "../../ui/PageTitle";
import { LoginDocument } from "./operations";
import { messages } from "./messages";

const FIELDS = ["email", "password"] as const;

/** Only paths of this site are followed after sign-in (never "//host" or "/\\host", another origin). */
export function safeReturnPath(value: string | null, role: Role): string {
  const local = value !== null && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\");
  return local ? value : homeFor(role);
}

/** The page of the sign-in's next step, when the password was not the last one. */
export function nextStepPath(step: string | null | undefined): string | null {
  if (step === "SECOND_FACTOR") return "/connexion/second-facteur";
  if (step === "ENROL_SECOND_FACTOR") return "/connexion/activer-double-authentification";
  return null;
}

export function SignInPage() {
  const { user, refresh } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [state, login] = useMutation(LoginDocument);
  const { errors, show } = useFormErrors(FIELDS);
  const returnTo = params.get("retour");

  if (user && !state.fetching) return <Navigate to={safeReturnPath(returnTo, user.role)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await login({ email, password });
    const payload = result.data?.login;
    if (!payload) return;
    const step = nextStepPath(payload.nextStep);
    if (step && payload.challenge) {
      navigate(step, { state: { challenge: payload.challenge, returnTo } });
      return;
    }
    if (payload.errors.length > 0 || !payload.user) {
      show(payload.errors.map((error) => (error.field ? error : { ...error, field: "password" })));
      return;
    }
    await refresh();
    navigate(safeReturnPath(returnTo, payload.user.role), { replace: true });
  }

  return (
    <section className="narrow">
      <PageTitle>{messages.signInTitle}</PageTitle>
      {params.get("deconnexion") ? <Alert tone="success">{messages.signedOut}</Alert> : null}
      {returnTo ? <Alert>{messages.signInRequired}</Alert> : null}
      {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
      <p>{messages.signInIntro}</p>
      <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
      <form onSubmit={submit} noValidate>
        <TextField label={messages.email} hint={messages.emailHint} type="email" name="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} error={errors.at("email")} />
        <TextField label={messages.password} type="password" name="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={errors.at("password")} />
        <Button type="submit" busy={state.fetching}>
          {state.fetching ? messages.submitting : messages.submit}
        </Button>
      </form>
      <p>
        <Link to="/mot-de-passe/oublie">{messages.forgotPassword}</Link>
      </p>
    </section>
  );
}
