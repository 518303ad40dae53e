// The common shape of a page's query: loading, a top-level error (by code), or the data.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { problemOf } from "./errors";
import { messages } from "./messages";
import { ProblemView } from "./ProblemView";

export function QueryResult<Data>({ result, children }: { result: { data?: Data | null | undefined; fetching: boolean; error?: CombinedError | undefined }; children: (data: Data) => ReactNode }) {
  // A top-level error on a non-null root field makes `data` null (not undefined): no data either way.
  if (result.error && (result.data === undefined || result.data === null)) return <ProblemView problem={problemOf(result.error)} />;
  if (result.data === undefined || result.data === null) return <Loading />;
  return <>{children(result.data)}</>;
}

export function Loading() {
  return (
    <p className="loading" role="status">
      {messages.loading}
    </p>
  );
}
