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


export const CreateRoleDocument = graphql(`
  mutation CreateRole($input: RoleInput!) {
    createRole(input: $input) {
      posting {
        id
        status
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const UpdateRoleDocument = graphql(`
  mutation UpdateRole($id: UUID!, $input: RoleInput!) {
    updateRole(id: $id, input: $input) {
      posting {
        id
        status
        updatedAt
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const CreateNeedDocument = graphql(`
  mutation CreateNeed($input: NeedInput!) {
    createNeed(input: $input) {
      posting {
        id
        status
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const UpdateNeedDocument = graphql(`
  mutation UpdateNeed($id: UUID!, $input: NeedInput!) {
    updateNeed(id: $id, input: $input) {
      posting {
        id
        status
        updatedAt
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const PublishPostingDocument = graphql(`
  mutation PublishPosting($id: UUID!) {
    publishPosting(id: $id) {
      posting {
        id
        status
        publishedAt
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const PausePostingDocument = graphql(`
  mutation PausePosting($id: UUID!) {
    pausePosting(id: $id) {
      posting {
        id
        status
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const ReopenPostingDocument = graphql(`
  mutation ReopenPosting($id: UUID!) {
    reopenPosting(id: $id) {
      posting {
        id
        status
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const MarkPostingFilledDocument = graphql(`
  mutation MarkPostingFilled($id: UUID!) {
    markPostingFilled(id: $id) {
      posting {
        id
        status
        closedAt
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const ClosePostingDocument = graphql(`
  mutation ClosePosting($id: UUID!) {
    closePosting(id: $id) {
      posting {
        id
        status
        closedAt
      }
      errors {
        field
        message
        code
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
