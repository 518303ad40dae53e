// The common shape of a page's query: loading, a top-level error (by code), or the data.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { problemOf } from "./errors";
import { messages } from "./messages";
import { ProblemView } from "./ProblemView";

export function QueryResult<Data>({ result, children }: { result: { data?: Data | undefined; fetching: boolean; error?: CombinedError | undefined }; children: (data: Data) => ReactNode }) {
  if (result.error && result.data === undefined) return <ProblemView problem={problemOf(result.error)} />;
  if (result.data === undefined) return <Loading />;
  return <>{children(result.data)}</>;
}

export function Loading() {
  return (
    <p className="loading" role="status">
      {messages.loading}
    </p>
  );
}
