import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { initI18n } from "./lib/i18n.ts";
import "./styles.css";
import "./styles/layout.css";
import "./styles/forms.css";
import "./styles/buttons.css";
import "./styles/menu.css";
import "./styles/pages.css";
import "./styles/dialog.css";
import "./styles/accounts.css";

await initI18n();

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
