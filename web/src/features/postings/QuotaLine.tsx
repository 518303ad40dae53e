// The tier's open-postings quota: how many are open, how many the tier allows, and when it is reached
// (on the list, and beside "publish" / "reopen", which the API then refuses).
import { useQuery } from "urql";
import { Badge } from "../../ui/Badge";
import { messages } from "./messages";
import { OpenPostingsQuotaDocument } from "./operations";

export function QuotaLine() {
  // refreshed on every visit: a list without postings in it is not invalidated by a mutation
  const [result] = useQuery({ query: OpenPostingsQuotaDocument, requestPolicy: "cache-and-network" });
  const tier = result.data?.me?.partner?.tier;
  if (!result.data || !tier) return null;
  const open = result.data.postings.totalCount;
  const reached = tier.maxOpenPostings !== null && tier.maxOpenPostings !== undefined && open >= tier.maxOpenPostings;
  return (
    <p className="quota">
      {messages.list.quota(open, tier.maxOpenPostings ?? null, tier.label)}
      {reached ? (
        <>
          {" "}
          <Badge tone="warning">{messages.list.quotaReached}</Badge>
        </>
      ) : null}
    </p>
  );
}
