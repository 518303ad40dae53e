// The postings area's operations: list, one posting, the title's live normalisation, the framework's
// competencies, create/update of roles and needs, and the lifecycle moves.
import { graphql } from "../../graphql";

export const PostingsListDocument = graphql(`
  query PostingsList($first: Int, $after: String, $filter: PostingFilter) {
    postings(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          kind
          needKind
          status
          title
          featured
          commune
          postalCode
          departement
          remotePolicy
          updatedAt
          publishedAt
          matchCount
          interestedCount
          normalisation {
            status
            occupationLabel
            romeCode
          }
        }
      }
    }
  }
`);

export const OpenPostingsQuotaDocument = graphql(`
  query OpenPostingsQuota {
    me {
      id
      partner {
        id
        tier {
          code
          label
          maxOpenPostings
          canFeaturePostings
        }
      }
    }
    postings(first: 1, filter: { statuses: [OPEN] }) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const PostingEditorDocument = graphql(`
  query PostingEditor($id: UUID!) {
    posting(id: $id) {
      id
      kind
      needKind
      status
      title
      description
      normalisation {
        status
        occupationId
        occupationLabel
        romeCode
        confidence
        overridden
      }
      contractType
      contractMonths
      workingTime
      weeklyHours
      salaryMin
      salaryMax
      dailyRate
      minExperienceYears
      teamSize
      durationDays
      budget
      postalCode
      commune
      communeCode
      departement
      remotePolicy
      remoteDays
      startDate
      expiryDate
      featured
      publishedAt
      closedAt
      updatedAt
      matchCount
      interestedCount
      competencies {
        competencyId
        label
        domainId
        level
        required
        mustHave
      }
      languages {
        code
        level
      }
    }
  }
`);

export const NormalizeTitleDocument = graphql(`
  query NormalizeTitle($title: String!) {
    normalizeTitle(title: $title) {
      input
      status
      confidence
      reason
      occupation {
        id
        label
        romeCode
      }
      alternatives {
        score
        occupation {
          id
          label
          romeCode
        }
      }
      otherProfession {
        id
        label
        romeCode
      }
      attributes {
        seniority
        contractType
        workingTime
        placeHint
        multilingual
        languages
      }
    }
  }
`);

export const CompetencyDomainsDocument = graphql(`
  query CompetencyDomains {
    competencyDomains {
      id
      label
    }
  }
`);

export const CompetencySearchDocument = graphql(`
  query CompetencySearch($first: Int, $after: String, $filter: CompetencyFilter) {
    competencies(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          label
          description
          domainId
        }
      }
    }
  }
`);

export const PostingPayloadErrorsFragment = graphql(`
  fragment PostingPayloadErrors on FieldError {
    field
    message
    code
  }
`);

/** What a lifecycle move changes, so the cache updates the editor and the list at once. */
export const MovedPostingFragment = graphql(`
  fragment MovedPosting on Posting {
    id
    status
    publishedAt
    closedAt
    updatedAt
  }
`);

export const CreateRoleDocument = graphql(`
  mutation CreateRole($input: RoleInput!) {
    createRole(input: $input) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const UpdateRoleDocument = graphql(`
  mutation UpdateRole($id: UUID!, $input: RoleInput!) {
    updateRole(id: $id, input: $input) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const CreateNeedDocument = graphql(`
  mutation CreateNeed($input: NeedInput!) {
    createNeed(input: $input) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const UpdateNeedDocument = graphql(`
  mutation UpdateNeed($id: UUID!, $input: NeedInput!) {
    updateNeed(id: $id, input: $input) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const PublishPostingDocument = graphql(`
  mutation PublishPosting($id: UUID!) {
    publishPosting(id: $id) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const PausePostingDocument = graphql(`
  mutation PausePosting($id: UUID!) {
    pausePosting(id: $id) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const ReopenPostingDocument = graphql(`
  mutation ReopenPosting($id: UUID!) {
    reopenPosting(id: $id) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const MarkPostingFilledDocument = graphql(`
  mutation MarkPostingFilled($id: UUID!) {
    markPostingFilled(id: $id) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const ClosePostingDocument = graphql(`
  mutation ClosePosting($id: UUID!) {
    closePosting(id: $id) {
      posting {
        ...MovedPosting
      }
      errors {
        ...PostingPayloadErrors
      }
    }
  }
`);

export const OccupationChoicesDocument = graphql(`
  query OccupationChoices {
    occupations(first: 100) {
      edges {
        node {
          id
          label
          romeCode
        }
      }
    }
  }
`);

export const SearchCommunesDocument = graphql(`
  query SearchCommunes($name: String!) {
    searchCommunes(name: $name, first: 10) {
      code
      name
      postalCode
      departement
    }
  }
`);

export const CommunesDocument = graphql(`
  query Communes($postalCode: String!) {
    communes(postalCode: $postalCode) {
      code
      name
      postalCode
      departement
    }
  }
`);
