// A page opened from an e-mailed link: one button uses the link's token (never on load, so that a
// mail scanner that opens links does not spend it).
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { PageTitle } from "../../ui/PageTitle";
import { ConfirmEmailChangeDocument, VerifyEmailDocument } from "./operations";
import { messages } from "./messages";

interface LinkAction {
  title: string;
  intro: string;
  submit: string;
  done: string;
}

function useLinkMutation(kind: "verify" | "emailChange") {
  const [verifyState, verify] = useMutation(VerifyEmailDocument);
  const [changeState, change] = useMutation(ConfirmEmailChangeDocument);
  if (kind === "verify") {
    return [verifyState, async (token: string) => (await verify({ token })).data?.verifyEmail] as const;
  }
  return [changeState, async (token: string) => (await change({ token })).data?.confirmEmailChange] as const;
}

function LinkActionPage({ kind, action }: { kind: "verify" | "emailChange"; action: LinkAction }) {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [state, run] = useLinkMutation(kind);
  const [done, setDone] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  async function confirm() {
    const payload = await run(token);
    if (!payload) return;
    setErrors(payload.errors.map((error) => error.message));
    setDone(payload.ok);
  }

  return (
    <section className="narrow">
      <PageTitle>{action.title}</PageTitle>
      {token === "" ? (
        <Alert tone="error">{messages.missingToken}</Alert>
      ) : done ? (
        <Alert tone="success">
          {action.done} <Link to="/">{messages.continue}</Link>
        </Alert>
      ) : (
        <>
          {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
          <p>{action.intro}</p>
          <FormAlert title={messages.formErrorsTitle} messages={errors} />
          <Button onClick={confirm} busy={state.fetching}>
            {action.submit}
          </Button>
        </>
      )}
    </section>
  );
}

export function VerifyEmailPage() {
  return (
    <LinkActionPage
      kind="verify"
      action={{ title: messages.verifyTitle, intro: messages.verifyIntro, submit: messages.verifySubmit, done: messages.verified }}
    />
  );
}

export function ConfirmEmailChangePage() {
  return (
    <LinkActionPage
      kind="emailChange"
      action={{
        title: messages.emailChangeTitle,
        intro: messages.emailChangeIntro,
        submit: messages.emailChangeSubmit,
        done: messages.emailChanged,
      }}
    />
  );
}
