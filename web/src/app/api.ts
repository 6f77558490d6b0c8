// The one way the web talks to the server: JSON over same-origin fetch, errors as ApiError with the
// server's bilingual message so every page can show it in the reader's language.
import type { Lang } from './lang';

export type FieldProblem = { path: string; zh: string; en: string };
type ErrorBody = { error: { code: string; zh: string; en: string; fields?: FieldProblem[] } };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly fields: FieldProblem[];

  constructor(status: number, code: string, zh: string, en: string, fields: FieldProblem[] = []) {
    super(en);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.fields = fields;
  }

  text(lang: Lang): string {
    return lang === 'en' ? this.en : this.zh;
  }
}

/** The message of any thrown value, in the reader's language. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) return err.text(lang);
  if (err instanceof Error && err.message) return err.message;
  return lang === 'en' ? 'Something went wrong' : '操作失败';
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RequestOptions = {
  method?: Method;
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (file uploads). */
  raw?: Blob | ArrayBuffer;
  signal?: AbortSignal;
};

let onUnauthorized: (() => void) | null = null;
/** The auth provider registers here so that an expired session anywhere leads back to login. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'zh' in e && 'en' in e;
}

async function toApiError(res: Response): Promise<ApiError> {
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  if (isErrorBody(parsed)) {
    const e = parsed.error;
    return new ApiError(res.status, e.code, e.zh, e.en, e.fields ?? []);
  }
  return new ApiError(
    res.status,
    `HTTP_${res.status}`,
    `服务器返回错误（${res.status}），请稍后重试`,
    `The server answered with an error (${res.status}); please retry shortly`,
  );
}

const networkError = () =>
  new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', 'Cannot reach the server: check the network and retry');

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    headers['Content-Type'] = 'application/octet-stream';
    body = opts.raw;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) {
    const err = await toApiError(res);
    // Login and the session probe answer 401 as part of their normal flow.
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/me') onUnauthorized?.();
    throw err;
  }
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Fetches a file and hands it to the browser, so that server errors still reach the page. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send(path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
