import { graphql } from "../../graphql";

export const CandidatesPostingDocument = graphql(`
  query CandidatesPosting($id: UUID!) {
    posting(id: $id) {
      id
      title
      status
      kind
      matchCount
      interestedCount
    }
  }
`);

/** One page of ranked candidates (Relay cursors); the page component asks for the next one. */
export const PostingCandidatesDocument = graphql(`
  query PostingCandidates($postingId: UUID!, $first: Int, $after: String, $interestedOnly: Boolean!) {
    matches(postingId: $postingId, first: $first, after: $after, filter: { interestedOnly: $interestedOnly }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          score
          response
          responseMessage
          respondedAt
          anonymised
          occupationLabel
          region
          experienceBand
          offers
          competencies {
            competencyId
            label
            level
          }
          languages {
            code
            level
          }
          details {
            fullName
            headlineTitle
            bio
            experiences {
              title
              sector
              startMonth
              endMonth
            }
            certifications
          }
          contact {
            email
            fullName
          }
          explanation {
            score
            factors {
              code
              label
              weight
              fit
              points
              sentence
            }
            matchedCompetencies {
              competencyId
              label
              askedLevel
              memberLevel
            }
            missingCompetencies {
              competencyId
              label
              askedLevel
              memberLevel
              gap
            }
            sentences
          }
        }
      }
    }
  }
`);

export const GiveMatchFeedbackDocument = graphql(`
  mutation GiveMatchFeedback($matchId: UUID!, $relevant: Boolean!, $reason: MatchFeedbackReason!, $comment: String) {
    giveMatchFeedback(matchId: $matchId, relevant: $relevant, reason: $reason, comment: $comment) {
      ok
      errors {
        field
        message
        code
      }
    }
  }
`);
