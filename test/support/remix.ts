/**
 * Calling route loaders and actions directly, as Remix would: a Request with the session cookie of
 * a given user, a load context with the client IP, and one shape for every kind of answer
 * (a Response, `data(...)`, a plain object, or a thrown Response).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

export type Outcome = { status: number; location: string | null; body: unknown; setCookie: string | null };
type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/** The Cookie header of a new server-side session of this user (as signing in would open). */
export async function sessionCookie(userId: number): Promise<string> {
  const { sessionCookieFor } = await import("~/lib/auth/session.server");
  return (await sessionCookieFor(userId)).split(";")[0];
}

export function formOf(fields: Record<string, string | string[] | Blob>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) v.forEach((x) => fd.append(k, x));
    else fd.append(k, v);
  }
  return fd;
}

async function settle(value: unknown): Promise<Outcome> {
  if (value instanceof Response) {
    const text = await value.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* plain text */
    }
    return {
      status: value.status,
      location: value.headers.get("Location"),
      body,
      setCookie: value.headers.get("Set-Cookie"),
    };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init?: ResponseInit | null };
    return { status: d.init?.status ?? 200, location: null, body: d.data, setCookie: null };
  }
  return { status: 200, location: null, body: value, setCookie: null };
}

export async function call(
  handler: Handler,
  options: {
    path: string;
    method?: "GET" | "POST";
    form?: FormData | Record<string, string | string[] | Blob>;
    body?: BodyInit;
    headers?: Record<string, string>;
    cookie?: string | null;
    ip?: string;
    params?: Record<string, string>;
  },
): Promise<Outcome> {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  const method = options.method ?? (options.form || options.body ? "POST" : "GET");
  const body =
    options.body ??
    (options.form ? (options.form instanceof FormData ? options.form : formOf(options.form)) : undefined);
  const request = new Request(`http://localhost${options.path}`, { method, headers, body });
  try {
    return await settle(
      await handler({ request, params: options.params ?? {}, context: { ip: options.ip ?? "203.0.113.1" } }),
    );
  } catch (thrown) {
    if (thrown instanceof Response) return settle(thrown);
    throw thrown;
  }
}

/** The field errors of a conform reply (`{ result: { error: { field: [...] } } }`). */
export function fieldErrors(body: unknown): Record<string, string[]> {
  const result = (body as { result?: { error?: Record<string, string[] | null> } })?.result;
  const errors = result?.error ?? {};
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => Array.isArray(v) && v.length > 0)) as Record<
    string,
    string[]
  >;
}

/** The values a conform reply sends back into the form. */
export function initialValue(body: unknown): Record<string, unknown> {
  return ((body as { result?: { initialValue?: Record<string, unknown> } })?.result?.initialValue ?? {}) as Record<
    string,
    unknown
  >;
}
