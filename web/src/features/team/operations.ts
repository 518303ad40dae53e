import { graphql } from "../../graphql";

export const TeamUsersDocument = graphql(`
  query TeamUsers($first: Int, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          email
          fullName
          role
          isActive
          hasAcceptedInvitation
          createdAt
          lastLoginAt
        }
      }
    }
  }
`);

export const InviteTeammateDocument = graphql(`
  mutation InviteTeammate($input: InviteUserInput!) {
    inviteUser(input: $input) {
      invitationToken
      user {
        id
        email
        fullName
        role
        isActive
        hasAcceptedInvitation
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const SetTeammateActiveDocument = graphql(`
  mutation SetTeammateActive($userId: UUID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) {
      user {
        id
        isActive
      }
      errors {
        field
        message
        code
      }
    }
  }
`);
