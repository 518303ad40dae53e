import { graphql } from "../../graphql";

export const VerifyEmailDocument = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      ok
      errors { field message code }
    }
  }
`);

export const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      ok
      errors { field message code }
    }
  }
`);

export const ResetPasswordDocument = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      ok
      errors { field message code }
    }
  }
`);

export const ConfirmEmailChangeDocument = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      ok
      errors { field message code }
    }
  }
`);

export const CompleteSignInDocument = graphql(`
  mutation CompleteSignIn($challenge: String!, $code: String!) {
    completeSignIn(challenge: $challenge, code: $code) {
      nextStep
      user { id role }
      errors { field message code }
    }
  }
`);

export const StartEnrolmentDocument = graphql(`
  mutation StartSecondFactorEnrolment($challenge: String) {
    startSecondFactorEnrolment(challenge: $challenge) {
      enrolment { secret qrCodeSvg }
      errors { field message code }
    }
  }
`);

export const ConfirmEnrolmentDocument = graphql(`
  mutation ConfirmSecondFactorEnrolment($code: String!, $challenge: String) {
    confirmSecondFactorEnrolment(code: $code, challenge: $challenge) {
      nextStep
      recoveryCodes
      user { id role }
      errors { field message code }
    }
  }
`);

export const SecurityDocument = graphql(`
  query Security {
    me { id email emailVerified hasSecondFactor }
    mySessions { id current userAgent clientAddress createdAt lastUsedAt }
  }
`);

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      ok
      errors { field message code }
    }
  }
`);

export const RequestEmailChangeDocument = graphql(`
  mutation RequestEmailChange($newEmail: String!, $password: String!) {
    requestEmailChange(newEmail: $newEmail, password: $password) {
      ok
      errors { field message code }
    }
  }
`);

export const RevokeSessionDocument = graphql(`
  mutation RevokeSession($id: UUID!) {
    revokeSession(id: $id) {
      ok
      errors { field message code }
    }
  }
`);

export const RevokeOtherSessionsDocument = graphql(`
  mutation RevokeOtherSessions {
    revokeOtherSessions {
      ok
      errors { field message code }
    }
  }
`);

export const DisableSecondFactorDocument = graphql(`
  mutation DisableSecondFactor($password: String!) {
    disableSecondFactor(password: $password) {
      ok
      errors { field message code }
    }
  }
`);
