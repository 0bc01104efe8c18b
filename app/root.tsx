import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { CsrfField } from "./components/csrf-field";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { SearchBox } from "./components/search-box";
import { getUser } from "./lib/auth/accounts.server";
import { issueCsrf } from "./lib/auth/csrf.server";
import { useNonce } from "./lib/nonce";
import stylesheet from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Advisor Atlas — choose an AI lab by where it publishes" },
  {
    name: "description",
    content: "Find PhD advisors and AI labs by where they publish: NeurIPS, ICML, ICLR, COLT, AISTATS, UAI.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // Signed-in visitors get their CSRF token here (the header's sign-out form); anonymous pages
  // may be shared through the page cache, so their forms' loaders hand one out (withCsrf).
  const csrf = user ? (await issueCsrf(request)).token : undefined;
  return { user: user && { email: user.email, role: user.role }, csrf };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const user = useRouteLoaderData<typeof loader>("root")?.user ?? null;
  const location = useLocation();
  const navigating = useNavigation().state !== "idle";
  // Marks the document once React has hydrated it (error pages included), so that a test or a
  // script knows the forms' JavaScript behaviour (auto-submitting filters, suggestions) is attached.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Advisor Atlas
          </Link>
          <nav aria-label="Main">
            <ul>
              <li>
                <NavLink to="/advisors">Advisors</NavLink>
              </li>
              <li>
                <NavLink to="/labs">Labs</NavLink>
              </li>
              <li>
                <NavLink to="/institutions">Institutions</NavLink>
              </li>
              <li>
                <NavLink to="/compare">Compare</NavLink>
              </li>
            </ul>
          </nav>
          <SearchBox />
          <nav aria-label="Account" className="account-nav">
            <ul>
              <li>
                <NavLink to="/submit">Submit</NavLink>
              </li>
              {user ? (
                <li>
                  <NavLink to="/account/submissions">My submissions</NavLink>
                </li>
              ) : null}
              {user?.role === "moderator" ? (
                <li>
                  <NavLink to="/moderate">Moderate</NavLink>
                </li>
              ) : null}
              {user ? (
                <li>
                  <Form method="post" action="/signout" className="inline-form">
                    <CsrfField />
                    <button type="submit" className="link-button">
                      Sign out
                    </button>
                  </Form>
                </li>
              ) : (
                <li>
                  <NavLink to="/signin">Sign in</NavLink>
                </li>
              )}
            </ul>
          </nav>
        </header>
        {/* data-url names the location this content was rendered for, and aria-busy marks a
            navigation under way: with JavaScript the address bar changes a moment before React
            renders the new page, and the browser tests wait for the two to agree. */}
        <main id="main" data-url={location.pathname + location.search} aria-busy={navigating || undefined}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Paper data: the conferences' public listings (OpenReview, PMLR, NeurIPS, ICML, dblp) as gathered by Paper
            Copilot and topaperlist (MIT). Universities: Hipo university-domains-list (MIT).{" "}
            <Link to="/about">About the data</Link>
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
