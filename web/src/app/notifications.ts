// The unread-notifications badge: read once, then refreshed on every live update and every minute.
import { useEffect } from "react";
import { useQuery } from "urql";
import { graphql } from "../graphql";
import { useMatchUpdates } from "./live";

const UnreadCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

const REFRESH_MS = 60_000;

export function useUnreadNotifications(enabled = true): number {
  const [result, reexecute] = useQuery({ query: UnreadCountDocument, pause: !enabled });
  useMatchUpdates(() => reexecute({ requestPolicy: "network-only" }), enabled);
  useEffect(() => {
    if (!enabled) return undefined;
    const timer = window.setInterval(() => reexecute({ requestPolicy: "network-only" }), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [enabled, reexecute]);
  return result.data?.unreadNotificationCount ?? 0;
}
