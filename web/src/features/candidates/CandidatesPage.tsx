// A posting's ranked candidates, page by page (Relay cursors), refreshed live when a candidate
// arrives or a member answers; "interested only" is kept in the address (?interesses=1).
import "../../ui/blocks.css";
import "./candidates.css";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { useMatchUpdates } from "../../app/live";
import { QueryResult } from "../../app/QueryResult";
import { Button } from "../../ui/Button";
import { PageTitle } from "../../ui/PageTitle";
import { CandidateCard } from "./CandidateCard";
import { messages } from "./messages";
import { CandidatesPostingDocument, PostingCandidatesDocument } from "./operations";

const PAGE_SIZE = 20;

export function CandidatesPage() {
  const { postingId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const interestedOnly = search.get("interesses") === "1";
  const [result, reexecute] = useQuery({ query: CandidatesPostingDocument, variables: { id: postingId } });
  /** Bumped on every live update of this posting: each page then re-reads from the network. */
  const [generation, setGeneration] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  useMatchUpdates(
    useCallback(
      (update) => {
        if (update.postingId !== postingId) return;
        reexecute({ requestPolicy: "network-only" });
        setGeneration((value) => value + 1);
        setAnnouncement(messages.updated[update.event]);
      },
      [postingId, reexecute],
    ),
  );

  return (
    <QueryResult result={result}>
      {({ posting }) => (
        <section>
          <p>
            <Link to="/partenaire">{messages.back}</Link>
          </p>
          <PageTitle>{messages.title(posting.title)}</PageTitle>
          <p>{messages.intro}</p>
          <p>{messages.counts(posting.matchCount, posting.interestedCount)}</p>
          <p className="filters">
            <label className="choice">
              <input
                type="checkbox"
                checked={interestedOnly}
                onChange={(event) => setSearch(event.target.checked ? { interesses: "1" } : {}, { replace: true })}
              />{" "}
              {messages.interestedOnly}
            </label>
          </p>
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
          <CandidatePages key={String(interestedOnly)} postingId={postingId} interestedOnly={interestedOnly} generation={generation} />
        </section>
      )}
    </QueryResult>
  );
}

function CandidatePages({ postingId, interestedOnly, generation }: { postingId: string; interestedOnly: boolean; generation: number }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <ol className="candidate-list" aria-label={messages.listLabel}>
      {cursors.map((after, index) => (
        <CandidatePage
          key={after ?? "first"}
          postingId={postingId}
          interestedOnly={interestedOnly}
          after={after}
          offset={index * PAGE_SIZE}
          generation={generation}
          isLast={index === cursors.length - 1}
          onMore={(cursor) => setCursors((previous) => [...previous, cursor])}
        />
      ))}
    </ol>
  );
}

function CandidatePage(props: {
  postingId: string;
  interestedOnly: boolean;
  after: string | null;
  offset: number;
  generation: number;
  isLast: boolean;
  onMore: (cursor: string) => void;
}) {
  const { postingId, interestedOnly, after, offset, generation, isLast, onMore } = props;
  const [result, reexecute] = useQuery({
    query: PostingCandidatesDocument,
    variables: { postingId, first: PAGE_SIZE, after, interestedOnly },
  });
  useEffect(() => {
    if (generation > 0) reexecute({ requestPolicy: "network-only" });
  }, [generation, reexecute]);
  if (!result.data) {
    return (
      <li>
        <QueryResult result={result}>{() => null}</QueryResult>
      </li>
    );
  }
  const { matches } = result.data;
  return (
        <>
          {matches.edges.length === 0 && offset === 0 ? (
            <li className="empty">{interestedOnly ? messages.emptyInterested : messages.empty}</li>
          ) : null}
          {matches.edges.map((edge, index) => (
            <li key={edge.node.id}>
              <CandidateCard candidate={edge.node} rank={offset + index + 1} />
            </li>
          ))}
          {isLast && matches.pageInfo.hasNextPage && matches.pageInfo.endCursor ? (
            <li className="more">
              <Button variant="secondary" onClick={() => onMore(matches.pageInfo.endCursor!)}>
                {messages.more}
              </Button>
            </li>
          ) : null}
        </>
  );
}
