import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/** One error view for every route: expected failures (404, 400, 403) and the unexpected. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404
        ? "Not found"
        : error.status === 403
          ? "Not allowed"
          : error.status === 400
            ? "Bad request"
            : `Error ${error.status}`;
    const message =
      typeof error.data === "string" ? error.data : ((error.data as { error?: string })?.error ?? error.statusText);
    return (
      <section className="error-view">
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Back to the start page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-view">
      <h1>Something went wrong</h1>
      <p>
        The error was logged. Please try again, or go back to the <Link to="/">start page</Link>.
      </p>
    </section>
  );
}
