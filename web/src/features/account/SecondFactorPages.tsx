// The second sign-in step (a TOTP or recovery code) and the enrolment of a second factor (QR code,
// first code, ten recovery codes), either at sign-in (staff in production) or from the security page.
import { useEffect, useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import { homeFor, useSession } from "../../app/session";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors } from "../../ui/form";
import { PageTitle } from "../../ui/PageTitle";
import { CompleteSignInDocument, ConfirmEnrolmentDocument, StartEnrolmentDocument } from "./operations";
import { messages } from "./messages";

/** What the sign-in page hands over in the navigation state (never in the URL). */
export interface SignInStepState {
  challenge: string;
  returnTo?: string | null;
}

function useStepState(): SignInStepState | null {
  const state = useLocation().state as SignInStepState | null;
  return state && typeof state.challenge === "string" ? state : null;
}

export function SecondFactorPage() {
  const step = useStepState();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [code, setCode] = useState("");
  const [state, complete] = useMutation(CompleteSignInDocument);
  const { errors, show } = useFormErrors(["code"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!step) return;
    const payload = (await complete({ challenge: step.challenge, code })).data?.completeSignIn;
    if (!payload) return;
    if (payload.errors.length > 0 || !payload.user) {
      show(payload.errors);
      return;
    }
    await refresh();
    navigate(step.returnTo ?? homeFor(payload.user.role), { replace: true });
  }

  return (
    <section className="narrow">
      <PageTitle>{messages.secondFactorTitle}</PageTitle>
      {!step ? (
        <Alert tone="error">{messages.missingChallenge}</Alert>
      ) : (
        <>
          {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
          <p>{messages.secondFactorIntro}</p>
          <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
          <form onSubmit={submit} noValidate>
            <TextField label={messages.code} hint={messages.codeHint} name="code" autoComplete="one-time-code" inputMode="text" required value={code} onChange={(event) => setCode(event.target.value)} error={errors.at("code")} />
            <Button type="submit" busy={state.fetching}>
              {messages.verifyCode}
            </Button>
          </form>
        </>
      )}
    </section>
  );
}

export function EnrolSecondFactorPage() {
  const step = useStepState();
  const navigate = useNavigate();
  const { user, refresh } = useSession();
  const [started, start] = useMutation(StartEnrolmentDocument);
  const [confirmed, confirm] = useMutation(ConfirmEnrolmentDocument);
  const [code, setCode] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [home, setHome] = useState("/");
  const { errors, show } = useFormErrors(["code"]);
  const challenge = step?.challenge ?? null;

  useEffect(() => {
    if (challenge || user) void start({ challenge });
  }, [challenge, user, start]);

  const enrolment = started.data?.startSecondFactorEnrolment.enrolment ?? null;
  const startErrors = started.data?.startSecondFactorEnrolment.errors ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = (await confirm({ code, challenge })).data?.confirmSecondFactorEnrolment;
    if (!payload) return;
    if (payload.errors.length > 0 || !payload.user) {
      show(payload.errors);
      return;
    }
    setHome(step?.returnTo ?? homeFor(payload.user.role));
    setRecoveryCodes(payload.recoveryCodes);
  }

  async function finish() {
    await refresh();
    navigate(challenge ? home : "/compte/securite", { replace: true });
  }

  if (recoveryCodes) {
    return (
      <section className="narrow">
        <PageTitle>{messages.recoveryTitle}</PageTitle>
        <p>{messages.recoveryIntro}</p>
        <ul className="recovery-codes">
          {recoveryCodes.map((item) => (
            <li key={item}>
              <code>{item}</code>
            </li>
          ))}
        </ul>
        <Button onClick={finish}>{messages.continue}</Button>
      </section>
    );
  }

  return (
    <section className="narrow">
      <PageTitle>{messages.enrolTitle}</PageTitle>
      {challenge ? <Alert>{messages.enrolRequired}</Alert> : null}
      {!challenge && !user ? <Alert tone="error">{messages.missingChallenge}</Alert> : null}
      {started.error ? <ProblemNotice problem={problemOf(started.error)} /> : null}
      {confirmed.error ? <ProblemNotice problem={problemOf(confirmed.error)} /> : null}
      <FormAlert title={messages.formErrorsTitle} messages={startErrors.map((error) => error.message)} />
      {enrolment ? (
        <>
          <p>{messages.enrolIntro}</p>
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`} alt={messages.qrAlt} width={180} height={180} />
          <p>
            {messages.secret} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
          <form onSubmit={submit} noValidate>
            <TextField label={messages.code} name="code" autoComplete="one-time-code" inputMode="numeric" required value={code} onChange={(event) => setCode(event.target.value)} error={errors.at("code")} />
            <Button type="submit" busy={confirmed.fetching}>
              {messages.enrolSubmit}
            </Button>
          </form>
        </>
      ) : null}
    </section>
  );
}
