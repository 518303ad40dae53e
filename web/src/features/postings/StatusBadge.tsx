// A posting's status as a coloured badge (the colour is never the only cue: the word is shown).
import type { PostingStatus } from "../../graphql/graphql";
import { Badge } from "../../ui/Badge";
import { messages } from "./messages";

export function statusTone(status: PostingStatus): "neutral" | "success" | "warning" | "danger" | "info" {
  switch (status) {
    case "OPEN":
      return "success";
    case "PAUSED":
      return "warning";
    case "DRAFT":
      return "info";
    default:
      return "neutral";
  }
}

export function StatusBadge({ status }: { status: PostingStatus }) {
  return <Badge tone={statusTone(status)}>{messages.labels.status[status]}</Badge>;
}
