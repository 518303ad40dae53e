import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { Provider } from "urql";
import { createApiClient } from "./app/client";
import { createRouter } from "./app/router";
import { SessionProvider } from "./app/session";
import "./styles.css";

const client = createApiClient();
const router = createRouter();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Provider value={client}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </Provider>
  </StrictMode>,
);
