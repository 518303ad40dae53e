// The one GraphQL client: HTTP POST for queries and mutations, graphql-transport-ws for subscriptions.
// The session travels in an HttpOnly cookie (never readable here); `X-Passerelle-Client: web` asks the
// server to set that cookie on sign-in (see docs/web.md).
import { createClient as createWsClient } from "graphql-ws";
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from "urql";

export const WEB_CLIENT_HEADER = { "X-Passerelle-Client": "web" } as const;

function websocketUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/graphql`;
}

export function createApiClient(): Client {
  // lazyCloseTimeout: one socket for the whole visit — when a page's subscriptions end and the next
  // page's begin (a route change, sign-in landing in the space), the socket stays open between them.
  const ws = createWsClient({ url: websocketUrl(), lazy: true, lazyCloseTimeout: 5_000, retryAttempts: Infinity });
  return new Client({
    url: "/graphql",
    preferGetMethod: false,
    fetchOptions: () => ({ credentials: "same-origin", headers: { ...WEB_CLIENT_HEADER } }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const dispose = ws.subscribe(input, sink);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
  });
}
