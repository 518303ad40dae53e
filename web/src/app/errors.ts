// Top-level GraphQL errors, sorted by `extensions.code` into what the person can do about them.
import type { CombinedError } from "urql";

export type ProblemKind =
  | "unauthenticated"
  | "forbidden"
  | "notFound"
  | "rateLimited"
  | "badInput"
  | "network"
  | "internal";

export interface Problem {
  kind: ProblemKind;
  message: string;
  /** The server's reference for an internal error (`extensions.errorId`), to quote to support. */
  reference?: string;
  /** Seconds to wait before retrying, when the server says so. */
  retryAfterSeconds?: number;
}

const KIND_BY_CODE: Record<string, ProblemKind> = {
  UNAUTHENTICATED: "unauthenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "notFound",
  RATE_LIMITED: "rateLimited",
  BAD_USER_INPUT: "badInput",
  INTERNAL_SERVER_ERROR: "internal",
};

export function problemOf(error: CombinedError): Problem {
  const first = error.graphQLErrors[0];
  if (first === undefined) {
    return { kind: "network", message: error.networkError?.message ?? error.message };
  }
  const extensions = first.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : "INTERNAL_SERVER_ERROR";
  const problem: Problem = { kind: KIND_BY_CODE[code] ?? "internal", message: first.message };
  if (typeof extensions.errorId === "string") problem.reference = extensions.errorId;
  if (typeof extensions.retryAfterSeconds === "number") {
    problem.retryAfterSeconds = extensions.retryAfterSeconds;
  }
  return problem;
}

/** Thrown from a page so the route's error boundary shows the right page (sign-in, 403, 404…). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = "ProblemError";
  }
}
