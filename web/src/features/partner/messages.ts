export const messages = {
  nav: {
    home: "Accueil",
    team: "Équipe",
  },
  homeTitle: "Espace entreprise",
  welcome: (company: string) => `Bienvenue dans l'espace de ${company}.`,
  welcomeNoCompany: "Bienvenue dans votre espace entreprise.",
  comingSoon: "Le tableau de bord, l'éditeur d'annonces, les candidat·es, l'équipe et le rapport de partenariat arrivent ici très bientôt.",
  unread: (count: number) =>
    count === 0 ? "Vous n'avez aucune notification non lue." : `Vous avez ${count} notification${count > 1 ? "s" : ""} non lue${count > 1 ? "s" : ""}.`,
} as const;
