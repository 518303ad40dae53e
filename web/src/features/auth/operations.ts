import { graphql } from "../../graphql";

export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      nextStep
      challenge
      user {
        id
        role
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($token: String!, $password: String!, $fullName: String) {
    acceptInvitation(token: $token, password: $password, fullName: $fullName) {
      nextStep
      challenge
      user {
        id
        role
      }
      errors {
        field
        message
        code
      }
    }
  }
`);
