// The route error boundary: a thrown CombinedError or ProblemError becomes the matching page.
import { isRouteErrorResponse, useRouteError } from "react-router";
import { CombinedError } from "urql";
import { ProblemError, problemOf, type Problem } from "./errors";
import { ProblemView } from "./ProblemView";

export function problemFromThrown(thrown: unknown): Problem {
  if (thrown instanceof ProblemError) return thrown.problem;
  if (thrown instanceof CombinedError) return problemOf(thrown);
  if (isRouteErrorResponse(thrown) && thrown.status === 404) return { kind: "notFound", message: thrown.statusText };
  return { kind: "internal", message: thrown instanceof Error ? thrown.message : String(thrown) };
}

export function RouteErrorBoundary() {
  const thrown = useRouteError();
  if (!(thrown instanceof ProblemError) && !(thrown instanceof CombinedError)) console.error(thrown);
  return <ProblemView problem={problemFromThrown(thrown)} />;
}
