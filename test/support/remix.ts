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

/**
 * A valid CSRF token for a visitor with this Cookie header (csrf.server.ts), and the Cookie header
 * to send with it: an anonymous visitor without a `__csrf` cookie gets one, as the form page's
 * loader would have set it. Every POST that `call` makes carries one unless told otherwise.
 */
export async function csrfFor(cookie: string | null | undefined): Promise<{ token: string; cookie: string | null }> {
  const { issueCsrf } = await import("~/lib/auth/csrf.server");
  const page = new Request("http://localhost/", { headers: cookie ? { Cookie: cookie } : {} });
  const { token, setCookie } = await issueCsrf(page);
  const nonce = setCookie?.split(";")[0];
  return { token, cookie: [cookie, nonce].filter(Boolean).join("; ") || null };
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
    /**
     * The form's CSRF token: by default a valid one for this cookie (a `csrf` field already in the
     * form is kept); `false` sends none. Raw bodies (`body`) carry none.
     */
    csrf?: false;
  },
): Promise<Outcome> {
  const headers = new Headers(options.headers);
  let cookie = options.cookie ?? null;
  const method = options.method ?? (options.form || options.body ? "POST" : "GET");
  let form: FormData | undefined;
  if (options.form) {
    form = new FormData();
    const source = options.form instanceof FormData ? options.form : formOf(options.form);
    for (const [k, v] of source.entries()) form.append(k, v);
    if (method === "POST" && options.csrf !== false) {
      const valid = await csrfFor(cookie);
      cookie = valid.cookie;
      if (!form.has("csrf")) form.set("csrf", valid.token);
    }
  }
  if (cookie) headers.set("Cookie", cookie);
  const body = options.body ?? form;
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
