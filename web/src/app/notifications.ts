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
/** A mutation sent with the same context (e.g. marking notifications read) refreshes the badge. */
export const NOTIFICATION_TYPES = { additionalTypenames: ["Notification"] };

export function useUnreadNotifications(enabled = true): number {
  const [result, reexecute] = useQuery({ query: UnreadCountDocument, pause: !enabled, context: NOTIFICATION_TYPES });
  useMatchUpdates(() => reexecute({ requestPolicy: "network-only" }), enabled);
  useEffect(() => {
    if (!enabled) return undefined;
    const timer = window.setInterval(() => reexecute({ requestPolicy: "network-only" }), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [enabled, reexecute]);
  return result.data?.unreadNotificationCount ?? 0;
}
