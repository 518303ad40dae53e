// GraphiQL from the app's own assets (development only: the server does not serve it in production).
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import "graphiql/graphiql.css";

const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
const fetcher = createGraphiQLFetcher({
  url: "/graphql",
  subscriptionUrl: `${scheme}//${window.location.host}/graphql`,
});

createRoot(document.getElementById("graphiql")!).render(<GraphiQL fetcher={fetcher} />);
