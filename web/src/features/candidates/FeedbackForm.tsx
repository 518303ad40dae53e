// Feedback on one proposal, from its card: relevant or not, with a reason code and a comment.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import type { MatchFeedbackReason } from "../../graphql/graphql";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { useFormErrors } from "../../ui/form";
import { messages } from "./messages";
import { GiveMatchFeedbackDocument } from "./operations";

const text = messages.feedback;
const REASONS = Object.keys(text.reasons) as MatchFeedbackReason[];
const FIELDS = ["relevant", "reason", "comment"] as const;

export function FeedbackForm({ matchId }: { matchId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const [relevant, setRelevant] = useState(true);
  const [reason, setReason] = useState<MatchFeedbackReason>("RELEVANT");
  const [comment, setComment] = useState("");
  const [state, give] = useMutation(GiveMatchFeedbackDocument);
  const { errors, show } = useFormErrors(FIELDS);
  const opener = useRef<HTMLButtonElement>(null);
  const closedByCancel = useRef(false);
  useEffect(() => {
    if (!open && closedByCancel.current) opener.current?.focus(); // back where the keyboard was
  }, [open]);

  if (sent) return <Alert tone="success">{text.thanks}</Alert>;
  if (!open) {
    return (
      <button ref={opener} type="button" className="button button--secondary" aria-expanded={false} onClick={() => setOpen(true)}>
        {text.open}
      </button>
    );
  }

  const choose = (value: boolean) => {
    setRelevant(value);
    if (value) setReason("RELEVANT");
    else if (reason === "RELEVANT") setReason("WRONG_OCCUPATION");
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await give({ matchId, relevant, reason, comment: comment.trim() || null });
    const payload = outcome.data?.giveMatchFeedback;
    if (!payload) return;
    show(payload.errors);
    if (payload.errors.length === 0 && payload.ok) setSent(true);
  };

  const reasonError = errors.at("reason");
  const commentError = errors.at("comment");
  return (
    <form className="feedback" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert messages={[...errors.general, ...(errors.at("relevant") ? [errors.at("relevant")!] : [])]} />
      {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
      <fieldset>
        <legend>{text.legend}</legend>
        <label className="choice">
          <input type="radio" name={`${id}-relevant`} checked={relevant} onChange={() => choose(true)} autoFocus /> {text.relevant}
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-relevant`} checked={!relevant} onChange={() => choose(false)} /> {text.notRelevant}
        </label>
      </fieldset>
      <div className={reasonError ? "field field--invalid" : "field"}>
        <label htmlFor={`${id}-reason`}>{text.reason}</label>
        <select
          id={`${id}-reason`}
          value={reason}
          onChange={(event) => setReason(event.target.value as MatchFeedbackReason)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-reason-error` : undefined}
        >
          {REASONS.map((code) => (
            <option key={code} value={code}>
              {text.reasons[code]}
            </option>
          ))}
        </select>
        {reasonError ? (
          <p className="field__error" id={`${id}-reason-error`}>
            {reasonError}
          </p>
        ) : null}
      </div>
      <div className={commentError ? "field field--invalid" : "field"}>
        <label htmlFor={`${id}-comment`}>{text.comment}</label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `${id}-comment-error` : undefined}
        />
        {commentError ? (
          <p className="field__error" id={`${id}-comment-error`}>
            {commentError}
          </p>
        ) : null}
      </div>
      <div className="actions">
        <Button type="submit" busy={state.fetching}>
          {text.submit}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            closedByCancel.current = true;
            setOpen(false);
          }}
        >
          {text.cancel}
        </Button>
      </div>
    </form>
  );
}
