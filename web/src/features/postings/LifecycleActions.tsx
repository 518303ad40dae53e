// The lifecycle moves a posting allows from its status (draft → open ⇄ paused → filled | closed), and
// only those; filling and closing cannot be undone, so they ask for confirmation in a modal dialog.
import { useRef, useState } from "react";
import { useMutation } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import type { PostingKind, PostingStatus } from "../../graphql/graphql";
import { Alert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import type { PayloadError } from "../../ui/form";
import { messages } from "./messages";
import { QuotaLine } from "./QuotaLine";
import {
  ClosePostingDocument,
  MarkPostingFilledDocument,
  PausePostingDocument,
  PublishPostingDocument,
  ReopenPostingDocument,
} from "./operations";

export type Move = "publish" | "pause" | "reopen" | "fill" | "close";

/** The moves the API accepts from a status (a need is closed, never filled). */
export function movesFrom(status: PostingStatus, kind: PostingKind): Move[] {
  switch (status) {
    case "DRAFT":
      return ["publish"];
    case "OPEN":
      return kind === "ROLE" ? ["pause", "fill", "close"] : ["pause", "close"];
    case "PAUSED":
      return kind === "ROLE" ? ["reopen", "fill", "close"] : ["reopen", "close"];
    default:
      return [];
  }
}

const IRREVERSIBLE: ReadonlySet<Move> = new Set(["fill", "close"]);

interface LifecycleActionsProps {
  posting: { id: string; kind: PostingKind; status: PostingStatus };
  /** A role whose title maps to no occupation of the framework: publishing it asks first. */
  unmatched?: boolean;
  /** Saves pending edits first; false when the save was refused (the move then does not happen). */
  beforeMove: () => Promise<boolean>;
  onMoved: (message: string) => void;
  /** Payload errors of a refused move, for the editor to place at their fields too. */
  onRefused: (errors: readonly PayloadError[]) => void;
}

export function LifecycleActions({ posting, unmatched = false, beforeMove, onMoved, onRefused }: LifecycleActionsProps) {
  const text = messages.lifecycle;
  const [publishState, publish] = useMutation(PublishPostingDocument);
  const [pauseState, pause] = useMutation(PausePostingDocument);
  const [reopenState, reopen] = useMutation(ReopenPostingDocument);
  const [fillState, fill] = useMutation(MarkPostingFilledDocument);
  const [closeState, close] = useMutation(ClosePostingDocument);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<Move | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const busy = [publishState, pauseState, reopenState, fillState, closeState].some((state) => state.fetching);
  const failed = [publishState, pauseState, reopenState, fillState, closeState].find((state) => state.error)?.error;
  const moves = movesFrom(posting.status, posting.kind);

  async function run(move: Move) {
    setRefusal([]);
    if (!(await beforeMove())) return;
    const variables = { id: posting.id };
    const result =
      move === "publish"
        ? (await publish(variables)).data?.publishPosting
        : move === "pause"
          ? (await pause(variables)).data?.pausePosting
          : move === "reopen"
            ? (await reopen(variables)).data?.reopenPosting
            : move === "fill"
              ? (await fill(variables)).data?.markPostingFilled
              : (await close(variables)).data?.closePosting;
    if (!result) return;
    if (result.errors.length > 0 || !result.posting) {
      setRefusal(result.errors.map((error) => error.message));
      onRefused(result.errors);
      return;
    }
    onMoved(text.done[move]);
  }

  function ask(move: Move, button: HTMLButtonElement) {
    opener.current = button;
    setConfirming(move);
    dialog.current?.showModal();
    cancel.current?.focus(); // the safe answer has the focus: Enter does not close the posting by mistake
  }

  function answer(confirmed: boolean) {
    const move = confirming;
    dialog.current?.close();
    setConfirming(null);
    opener.current?.focus();
    if (confirmed && move) void run(move);
  }

  return (
    <section className="lifecycle" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{text.legend}</h2>
      {failed ? <ProblemNotice problem={problemOf(failed)} /> : null}
      {refusal.length > 0 ? (
        <Alert tone="error" title={text.refusedTitle}>
          <ul className="alert__list">
            {refusal.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {moves.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <div className="actions">
          {moves.map((move) => (
            <Button
              key={move}
              variant={move === "publish" || move === "reopen" ? "primary" : move === "close" ? "danger" : "secondary"}
              busy={busy}
              onClick={(event) => (IRREVERSIBLE.has(move) || (move === "publish" && unmatched) ? ask(move, event.currentTarget) : void run(move))}
            >
              {text[move]}
            </Button>
          ))}
        </div>
      )}
      {posting.status === "DRAFT" || posting.status === "PAUSED" ? <QuotaLine /> : null}
      <dialog ref={dialog} className="confirm" aria-labelledby="confirm-text" onCancel={() => answer(false)}>
        <p id="confirm-text">{confirming === "fill" ? text.confirmFill : confirming === "publish" ? text.confirmUnmatched : text.confirmClose}</p>
        <div className="actions">
          <Button variant={confirming === "publish" ? "primary" : "danger"} onClick={() => answer(true)}>
            {confirming === "publish" ? text.publishAnyway : confirming === "fill" ? text.fill : text.close}
          </Button>
          <button type="button" className="button button--secondary" ref={cancel} onClick={() => answer(false)}>
            {text.cancel}
          </button>
        </div>
      </dialog>
    </section>
  );
}
