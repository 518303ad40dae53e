// Strings of the partner dashboard, in French, inclusive.
import type { PostingStatus } from "../../graphql/graphql";

const plural = (count: number, one: string, many: string) => (count > 1 ? many : one);

export const messages = {
  title: "Espace entreprise",
  welcome: (company: string) => `Bienvenue dans l'espace de ${company}.`,
  welcomeNoCompany: "Bienvenue dans votre espace entreprise.",
  byStatus: {
    heading: "Vos annonces par statut",
    caption: "Nombre d'annonces par statut",
  },
  status: {
    DRAFT: "Brouillons",
    OPEN: "Ouvertes",
    PAUSED: "En pause",
    FILLED: "Pourvues",
    CLOSED: "Clôturées",
  } satisfies Record<PostingStatus, string>,
  quota: {
    heading: "Quota d'offres ouvertes",
    tier: (label: string) => `Niveau de partenariat : ${label}`,
    used: (used: string, max: string) => `${used} offre${plural(Number(used), "", "s")} ouverte${plural(Number(used), "", "s")} sur ${max} permises`,
    left: (left: number) =>
      left === 0
        ? "Quota atteint : mettez en pause ou clôturez une offre avant d'en publier une autre."
        : `Vous pouvez encore publier ${left} offre${plural(left, "", "s")}.`,
    unlimited: (used: string) => `${used} offre${plural(Number(used), "", "s")} ouverte${plural(Number(used), "", "s")} : votre niveau n'a pas de limite.`,
  },
  featured: {
    heading: "Annonces mises en avant",
    none: "Aucune annonce ouverte n'est mise en avant.",
    notInTier: "La mise en avant des annonces n'est pas comprise dans votre niveau de partenariat.",
  },
  open: {
    heading: "Annonces ouvertes et leurs candidat·es",
    caption: "Annonces ouvertes : candidat·es proposé·es et intéressé·es",
    title: "Annonce",
    candidates: "Candidat·es",
    interested: "Intéressé·es",
    published: "Publiée le",
    see: (title: string) => `Voir les candidat·es de « ${title} »`,
    seeShort: "Voir les candidat·es",
    empty: "Aucune annonce ouverte pour l'instant : publiez une annonce pour recevoir des candidat·es.",
    featured: "Mise en avant",
  },
  live: {
    heading: "Nouvelles candidatures en direct",
    waiting: "Les nouveaux·elles candidat·es et les réponses des membres s'affichent ici dès qu'elles arrivent, sans recharger la page.",
    newCandidates: (count: number, title: string) =>
      `${count} nouveau·elle${plural(count, "", "s")} candidat·e${plural(count, "", "s")} pour « ${title} »`,
    interested: (count: number, title: string) =>
      `${count} membre${plural(count, "", "s")} intéressé·e${plural(count, "", "s")} par « ${title} »`,
    bestScore: (score: string) => `meilleur score ${score} / 100`,
    at: (time: string) => `à ${time}`,
    unknownPosting: "une annonce",
  },
  notifications: {
    heading: "Notifications non lues",
    count: (count: number) =>
      count === 0 ? "Vous n'avez aucune notification non lue." : `Vous avez ${count} notification${plural(count, "", "s")} non lue${plural(count, "", "s")}.`,
    markAllRead: "Tout marquer comme lu",
    marked: "Notifications marquées comme lues.",
  },
} as const;
