export const messages = {
  comingSoonTitle: "Bientôt disponible",
  comingSoonText: "Votre espace arrive bientôt dans le navigateur. En attendant, vos outils habituels restent disponibles.",
} as const;
