// One ranked candidate: score and per-factor bars, the explanation, what the profile shows (and why
// it is anonymised or not), contact details once the member is interested, and the feedback form.
import { formatDate } from "../../app/format";
import type { PostingCandidatesQuery } from "../../graphql/graphql";
import { Badge } from "../../ui/Badge";
import { FeedbackForm } from "./FeedbackForm";
import { messages } from "./messages";
import { formatFactor, formatScore } from "./score";

export type Candidate = PostingCandidatesQuery["matches"]["edges"][number]["node"];

const text = messages.card;

function visibilityNote(candidate: Candidate): string {
  if (candidate.anonymised) return text.anonymisedWhy;
  return candidate.response === "INTERESTED" ? text.visibleBecauseInterested : text.visibleBecauseConsent;
}

export function CandidateCard({ candidate, rank }: { candidate: Candidate; rank: number }) {
  const headingId = `candidat-${candidate.id}`;
  const name = candidate.details?.fullName ?? candidate.contact?.fullName ?? text.anonymousName(rank);
  const score = formatScore(candidate.score);
  return (
    <article className="card candidate" aria-labelledby={headingId}>
      <header className="candidate__header">
        <div>
          <h3 id={headingId}>
            <span className="candidate__rank">{messages.rank(rank)} · </span>
            {name}
          </h3>
          <p className="candidate__badges">
            {candidate.anonymised ? <Badge tone="warning">{text.anonymised}</Badge> : null}{" "}
            <Badge tone={candidate.response === "INTERESTED" ? "success" : candidate.response === "DECLINED" ? "danger" : "neutral"}>
              {candidate.response ? text.response[candidate.response] : text.response.none}
            </Badge>
          </p>
        </div>
        <p className="score">
          <span className="visually-hidden">{text.scoreLabel(score)}</span>
          <span className="score__value" aria-hidden="true">
            {score}
          </span>
          <span className="score__scale" aria-hidden="true">
            {" "}
            / 100
          </span>
        </p>
      </header>

      <p className="candidate__why">{visibilityNote(candidate)}</p>

      <dl className="facts">
        <Fact term={text.occupation} value={candidate.occupationLabel} />
        <Fact term={text.region} value={candidate.region} />
        <Fact term={text.experience} value={candidate.experienceBand} />
        <Fact term={text.languages} value={candidate.languages.map((l) => `${l.code.toUpperCase()} ${l.level}`).join(", ")} />
        {candidate.offers.length > 0 ? <Fact term={text.offers} value={candidate.offers.join(", ")} /> : null}
        <Fact term={text.competencies} value={candidate.competencies.map((c) => `${c.label} (${text.level(c.level)})`).join(", ")} />
      </dl>

      {candidate.details ? <Details details={candidate.details} /> : null}

      <section className="candidate__contact" aria-label={text.contactHeading}>
        <h4>{text.contactHeading}</h4>
        {candidate.contact ? (
          <dl className="facts">
            <Fact term={text.name} value={candidate.contact.fullName} />
            <div>
              <dt>{text.email}</dt>
              <dd>
                <a href={`mailto:${candidate.contact.email}`}>{candidate.contact.email}</a>
              </dd>
            </div>
          </dl>
        ) : (
          <p className="muted">{text.contactHidden}</p>
        )}
        {candidate.respondedAt ? <p className="muted">{text.respondedOn(formatDate(candidate.respondedAt))}</p> : null}
        {candidate.responseMessage ? (
          <blockquote className="candidate__message" aria-label={text.message}>
            {candidate.responseMessage}
          </blockquote>
        ) : null}
      </section>

      <Factors candidate={candidate} />
      <FeedbackForm matchId={candidate.id} />
    </article>
  );
}

function Fact({ term, value }: { term: string; value: string | null | undefined }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value ? value : <span className="muted">{text.unknown}</span>}</dd>
    </div>
  );
}

function Details({ details }: { details: NonNullable<Candidate["details"]> }) {
  return (
    <dl className="facts">
      {details.headlineTitle ? <Fact term={text.headline} value={details.headlineTitle} /> : null}
      {details.bio ? <Fact term={text.bio} value={details.bio} /> : null}
      {details.experiences.length > 0 ? (
        <div>
          <dt>{text.experiences}</dt>
          <dd>
            <ul className="compact-list">
              {details.experiences.map((experience) => (
                <li key={`${experience.title}-${experience.startMonth}`}>
                  {experience.title}
                  {experience.sector ? ` — ${experience.sector}` : ""} ({formatDate(experience.startMonth)} →{" "}
                  {experience.endMonth ? formatDate(experience.endMonth) : text.ongoing})
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {details.certifications.length > 0 ? <Fact term={text.certifications} value={details.certifications.join(", ")} /> : null}
    </dl>
  );
}

function Factors({ candidate }: { candidate: Candidate }) {
  const explanation = candidate.explanation;
  const factorText = messages.factors;
  if (!explanation) return <p className="muted">{factorText.noExplanation}</p>;
  return (
    <section className="factors" aria-label={factorText.heading}>
      <h4>{factorText.heading}</h4>
      <p className="muted">{factorText.caption(formatScore(explanation.score))}</p>
      <ul className="factor-list">
        {explanation.factors.map((factor) => {
          const shown = formatFactor(factor.points, factor.weight);
          return (
            <li key={factor.code} className="factor">
              <span className="factor__label">{factor.label}</span>
              <span className="factor__points">{factorText.points(shown.points, shown.weight)}</span>
              <span className="bar" aria-hidden="true">
                <span className="bar__fill" style={{ width: `${shown.share * 100}%` }} />
              </span>
              <span className="factor__sentence">{factor.sentence}</span>
            </li>
          );
        })}
      </ul>
      {explanation.missingCompetencies.length > 0 ? (
        <details className="explanation">
          <summary>{factorText.missing(explanation.missingCompetencies.length)}</summary>
          <ul>
            {explanation.missingCompetencies.map((c) => (
              <li key={c.competencyId}>{factorText.missingLevel(c.label, c.memberLevel, c.askedLevel)}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <details className="explanation">
        <summary>{factorText.explanation}</summary>
        <ul>
          {explanation.sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
