import { graphql } from "../../graphql";

/** Counts by status (aliases of one list, `totalCount` only), the open postings, and the tier's quota. */
export const PartnerDashboardDocument = graphql(`
  query PartnerDashboard($partnerId: UUID!) {
    partner(id: $partnerId) {
      id
      name
      tier {
        code
        label
        maxOpenPostings
        canFeaturePostings
      }
    }
    drafts: postings(first: 1, filter: { statuses: [DRAFT] }) {
      totalCount
    }
    open: postings(first: 100, filter: { statuses: [OPEN] }) {
      totalCount
      edges {
        node {
          id
          title
          kind
          featured
          matchCount
          interestedCount
          publishedAt
        }
      }
    }
    paused: postings(first: 1, filter: { statuses: [PAUSED] }) {
      totalCount
    }
    filled: postings(first: 1, filter: { statuses: [FILLED] }) {
      totalCount
    }
    closed: postings(first: 1, filter: { statuses: [CLOSED] }) {
      totalCount
    }
  }
`);

export const UnreadNotificationsDocument = graphql(`
  query DashboardUnreadNotifications {
    notifications(first: 5, filter: { unreadOnly: true }) {
      totalCount
      edges {
        node {
          id
          title
          body
          createdAt
          subjectType
          subjectId
        }
      }
    }
  }
`);

export const MarkAllNotificationsReadDocument = graphql(`
  mutation MarkAllNotificationsRead {
    markNotificationsRead {
      count
    }
  }
`);
