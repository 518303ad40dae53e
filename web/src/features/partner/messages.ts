export const messages = {
  nav: {
    home: "Accueil",
  },
} as const;
