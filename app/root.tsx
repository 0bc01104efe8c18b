import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { SearchBox } from "./components/search-box";
import { useNonce } from "./lib/nonce";
import stylesheet from "./styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction = () => [
  { title: "Advisor Atlas — choose an AI lab by where it publishes" },
  { name: "description", content: "Find PhD advisors and AI labs by where they publish: NeurIPS, ICML, ICLR, COLT, AISTATS, UAI." },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="site-header">
          <Link to="/" className="brand">Advisor Atlas</Link>
          <nav aria-label="Main">
            <ul>
              <li><NavLink to="/advisors">Advisors</NavLink></li>
              <li><NavLink to="/labs">Labs</NavLink></li>
              <li><NavLink to="/compare">Compare</NavLink></li>
            </ul>
          </nav>
          <SearchBox />
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>
            Paper data: the conferences' public listings (OpenReview, PMLR, NeurIPS, ICML, dblp) as gathered by Paper Copilot and
            topaperlist (MIT). Universities: Hipo university-domains-list (MIT). <Link to="/about">About the data</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
