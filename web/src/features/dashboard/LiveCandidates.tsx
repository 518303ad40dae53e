// Candidates arriving while the page is open (the `matchUpdates` subscription): a polite live region,
// newest first, each entry linking to the posting's candidates.
import { Link } from "react-router";
import { formatDateTime, formatNumber } from "../../app/format";
import type { MatchUpdate } from "../../app/live";
import { messages } from "./messages";

export interface LiveEntry {
  key: number;
  update: MatchUpdate;
  at: string;
}

/** Only what a partner acts on: new candidates and members who say they are interested. */
export function isWorthShowing(update: MatchUpdate): boolean {
  return update.event === "NEW" || update.event === "RESPONSE_INTERESTED";
}

export function LiveCandidates({ entries, titleOf }: { entries: readonly LiveEntry[]; titleOf: (postingId: string) => string | undefined }) {
  const text = messages.live;
  return (
    <section aria-labelledby="live-heading" className="panel">
      <h2 id="live-heading">{text.heading}</h2>
      <div aria-live="polite" aria-relevant="additions">
        {entries.length === 0 ? (
          <p className="empty">{text.waiting}</p>
        ) : (
          <ul className="live-list">
            {entries.map(({ key, update, at }) => {
              const title = titleOf(update.postingId) ?? text.unknownPosting;
              const summary = update.event === "NEW" ? text.newCandidates(update.count, title) : text.interested(update.count, title);
              return (
                <li key={key}>
                  <Link to={`annonces/${update.postingId}/candidats`}>{summary}</Link>
                  {update.event === "NEW" ? <> — {text.bestScore(formatNumber(Math.round(update.score)))}</> : null}{" "}
                  <span className="muted">({text.at(formatDateTime(at))})</span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
