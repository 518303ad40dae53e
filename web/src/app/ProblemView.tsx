// One page per kind of top-level error: what happened and what the person can do next.
import { Link, Navigate, useLocation } from "react-router";
import { formatDelay } from "./format";
import { messages } from "./messages";
import type { Problem } from "./errors";
import { PageTitle } from "../ui/PageTitle";

/** The sign-in path that brings the person back here afterwards. */
export function signInPathFrom(location: { pathname: string; search: string }): string {
  const back = `${location.pathname}${location.search}`;
  return back === "/" || back.startsWith("/connexion") ? "/connexion" : `/connexion?retour=${encodeURIComponent(back)}`;
}

export function ProblemView({ problem }: { problem: Problem }) {
  const location = useLocation();
  const text = messages.errors;
  switch (problem.kind) {
    case "unauthenticated":
      return <Navigate to={signInPathFrom(location)} replace />;
    case "forbidden":
      return <Explained title={text.forbiddenTitle} body={text.forbiddenText} />;
    case "notFound":
      return <Explained title={text.notFoundTitle} body={text.notFoundText} />;
    case "rateLimited":
      return (
        <Explained
          title={text.rateLimitedTitle}
          body={problem.retryAfterSeconds ? text.rateLimitedRetry(formatDelay(problem.retryAfterSeconds)) : text.rateLimitedLater}
          detail={problem.message}
        />
      );
    case "network":
      return <Explained title={text.networkTitle} body={text.networkText} retry />;
    case "badInput":
      return <Explained title={text.badInputTitle} body={problem.message} />;
    case "internal":
      return (
        <Explained
          title={text.internalTitle}
          body={text.internalText}
          detail={problem.reference ? text.internalReference(problem.reference) : undefined}
          retry
        />
      );
  }
}

function Explained({ title, body, detail, retry = false }: { title: string; body: string; detail?: string | undefined; retry?: boolean }) {
  return (
    <section className="problem" aria-labelledby="problem-title">
      <PageTitle>{title}</PageTitle>
      <p>{body}</p>
      {detail ? <p className="problem__detail">{detail}</p> : null}
      <p className="actions">
        {retry ? (
          <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
            {messages.errors.retry}
          </button>
        ) : null}
        <Link className="button button--primary" to="/">
          {messages.errors.backHome}
        </Link>
      </p>
    </section>
  );
}

/** The same explanations inside a page (a form's submit failed), as an alert instead of a whole page. */
export function ProblemNotice({ problem }: { problem: Problem }) {
  const location = useLocation();
  if (problem.kind === "unauthenticated") return <Navigate to={signInPathFrom(location)} replace />;
  const [title, body, detail] = noticeText(problem);
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      <p>{body}</p>
      {detail ? <p className="problem__detail">{detail}</p> : null}
    </div>
  );
}

function noticeText(problem: Problem): [string, string, string | undefined] {
  const text = messages.errors;
  switch (problem.kind) {
    case "rateLimited":
      return [
        text.rateLimitedTitle,
        problem.retryAfterSeconds ? text.rateLimitedRetry(formatDelay(problem.retryAfterSeconds)) : text.rateLimitedLater,
        problem.message,
      ];
    case "internal":
      return [text.internalTitle, text.internalText, problem.reference ? text.internalReference(problem.reference) : undefined];
    case "network":
      return [text.networkTitle, text.networkText, undefined];
    case "forbidden":
      return [text.forbiddenTitle, problem.message, undefined];
    case "notFound":
      return [text.notFoundTitle, problem.message, undefined];
    default:
      return [text.badInputTitle, problem.message, undefined];
  }
}
