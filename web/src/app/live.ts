// Live updates: the `matchUpdates` subscription (graphql-transport-ws), for dashboards and candidate lists.
import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../graphql";
import type { MatchUpdatesSubscription } from "../graphql/graphql";

const MatchUpdatesDocument = graphql(`
  subscription MatchUpdates {
    matchUpdates {
      postingId
      event
      score
      count
    }
  }
`);

export type MatchUpdate = MatchUpdatesSubscription["matchUpdates"];

/**
 * Calls `onUpdate` for every update the server pushes (while `enabled`); the latest update is also
 * returned, for a page that only needs to refetch when something happened.
 */
export function useMatchUpdates(onUpdate?: (update: MatchUpdate) => void, enabled = true): MatchUpdate | undefined {
  const handler = useRef(onUpdate);
  handler.current = onUpdate;
  const [result] = useSubscription({ query: MatchUpdatesDocument, pause: !enabled });
  const latest = result.data?.matchUpdates;
  useEffect(() => {
    if (latest !== undefined) handler.current?.(latest);
  }, [latest]);
  return latest;
}
