// Strings of the team page (partner admins), in French, inclusive.
const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

export const messages = {
  nav: "Équipe",
  title: "Équipe",
  intro: "Les comptes de votre entreprise : invitez un·e recruteur·euse, suivez les invitations en attente, désactivez un compte qui ne doit plus accéder à Passerelle.",
  members: {
    heading: "Comptes actifs",
    caption: "Comptes actifs de l'entreprise",
    empty: "Aucun compte actif.",
  },
  pending: {
    heading: "Invitations en attente",
    caption: "Invitations envoyées, pas encore acceptées",
    empty: "Aucune invitation en attente.",
    invitedOn: "Invitation du",
  },
  inactive: {
    heading: "Comptes désactivés",
    caption: "Comptes désactivés de l'entreprise",
    empty: "Aucun compte désactivé.",
  },
  columns: {
    name: "Nom",
    email: "Adresse e-mail",
    role: "Rôle",
    lastLogin: "Dernière connexion",
    actions: "Actions",
  },
  never: "jamais",
  you: "(vous)",
  noName: "—",
  deactivate: (who: string) => `Désactiver ${who}`,
  deactivateShort: "Désactiver",
  confirmDeactivate: (who: string) => `Désactiver le compte de ${who} ? Ses sessions seront fermées immédiatement.`,
  confirm: "Confirmer la désactivation",
  cancel: "Annuler",
  deactivated: (who: string) => `Le compte de ${who} est désactivé.`,
  reactivate: (who: string) => `Réactiver ${who}`,
  reactivateShort: "Réactiver",
  reactivated: (who: string) => `Le compte de ${who} est réactivé.`,
  invite: {
    heading: "Inviter une personne",
    email: "Adresse e-mail",
    fullName: "Nom complet",
    fullNameHint: "Facultatif : la personne pourra le saisir en acceptant l'invitation.",
    role: "Rôle",
    submit: "Envoyer l'invitation",
    sent: (email: string) => `Invitation créée pour ${email}.`,
    link: "Lien d'invitation à lui transmettre (valable une fois) :",
  },
  count: (count: number) => `${count} compte${plural(count, "", "s")}`,
} as const;
