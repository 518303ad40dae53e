import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API the dev server proxies to (`make dev`); the built client is served by the API itself.
const api = process.env.PASSERELLE_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // GraphiQL (a development page) is one large chunk; the client itself stays far below this.
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      // Two pages: the client, and GraphiQL served from our own assets (no CDN, works offline).
      input: { main: resolve(import.meta.dirname, "index.html"), graphiql: resolve(import.meta.dirname, "graphiql.html") },
    },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: {
      // changeOrigin stays false: the API checks the WebSocket's Origin against its own and CORS_ORIGINS.
      "/graphql": { target: api, ws: true, changeOrigin: false },
      "/reports": { target: api, changeOrigin: false },
    },
  },
});
