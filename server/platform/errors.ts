// Errors as a bank clerk reads them: a stable code and the message in Chinese and English.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FIELD_LABELS } from '../../contracts/field-labels';

export type FieldProblem = { path: string; zh: string; en: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly fields?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(en);
  }
}

export const notFound = (what = { zh: '记录', en: 'record' }) =>
  new AppError(404, 'NOT_FOUND', `${what.zh}不存在或无权查看`, `No such ${what.en}, or you may not see it`);
export const forbidden = () =>
  new AppError(403, 'FORBIDDEN', '您没有执行此操作的权限', 'You do not have permission to do this');
export const unauthenticated = () =>
  new AppError(401, 'UNAUTHENTICATED', '请先登录', 'Please sign in first');
export const conflict = (code: string, zh: string, en: string) => new AppError(409, code, zh, en);
export const badRequest = (code: string, zh: string, en: string, fields?: FieldProblem[]) =>
  new AppError(400, code, zh, en, fields);

type Issue = { code?: string; path?: PropertyKey[]; message?: string; minimum?: unknown; maximum?: unknown; values?: unknown[]; expected?: string; origin?: string; format?: string };

function label(path: string): { zh: string; en: string } {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
  return FIELD_LABELS[last] ?? { zh: last, en: last };
}

/** Turn one schema issue into words: generic per issue kind, named by the field's label. */
export function describeIssue(issue: Issue): FieldProblem {
  const path = (issue.path ?? []).map(String).join('.');
  const l = label(path);
  const f = { zh: `「${l.zh}」`, en: `"${l.en}"` };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message?.includes('received undefined')) return { path, zh: `${f.zh}必须填写`, en: `${f.en} is required` };
      return { path, zh: `${f.zh}格式不正确`, en: `${f.en} has the wrong type` };
    case 'too_small':
      if (issue.origin === 'string') return { path, zh: `${f.zh}至少需要${String(issue.minimum)}个字符`, en: `${f.en} needs at least ${String(issue.minimum)} characters` };
      if (issue.origin === 'array') return { path, zh: `${f.zh}至少需要选择${String(issue.minimum)}项`, en: `${f.en} needs at least ${String(issue.minimum)} item(s)` };
      return { path, zh: `${f.zh}不能小于${String(issue.minimum)}`, en: `${f.en} must be at least ${String(issue.minimum)}` };
    case 'too_big':
      if (issue.origin === 'string') return { path, zh: `${f.zh}不能超过${String(issue.maximum)}个字符`, en: `${f.en} may have at most ${String(issue.maximum)} characters` };
      return { path, zh: `${f.zh}不能大于${String(issue.maximum)}`, en: `${f.en} must be at most ${String(issue.maximum)}` };
    case 'invalid_value':
      return { path, zh: `${f.zh}的取值无效，可选：${(issue.values ?? []).join('、')}`, en: `${f.en} must be one of: ${(issue.values ?? []).join(', ')}` };
    case 'invalid_format':
    case 'invalid_string':
      if (issue.message === 'YYYY-MM-DD' || issue.format === 'regex' && issue.message === 'YYYY-MM-DD') {
        return { path, zh: `${f.zh}应为日期，格式如 2026-01-31`, en: `${f.en} must be a date like 2026-01-31` };
      }
      return { path, zh: `${f.zh}格式不正确`, en: `${f.en} is not in the right format` };
    case 'unrecognized_keys':
      return { path, zh: '包含无法识别的字段', en: 'Contains fields that are not recognised' };
    default:
      return { path, zh: `${f.zh}无效`, en: `${f.en} is not valid` };
  }
}

export function validationError(issues: Issue[], where = 'body'): AppError {
  const fields = issues.map(describeIssue);
  const first = fields[0];
  return new AppError(
    400,
    'VALIDATION_FAILED',
    first ? `提交的内容有误：${first.zh}` : '提交的内容有误',
    first ? `The ${where} is not valid: ${first.en}` : `The ${where} is not valid`,
    fields,
  );
}

export function errorBody(e: AppError) {
  return { error: { code: e.code, zh: e.zh, en: e.en, ...(e.fields ? { fields: e.fields } : {}) } };
}

/** `spaIndex`: the built web app's page, sent for every unknown non-API GET (client-side routes). */
export function installErrorHandler(app: FastifyInstance, spaIndex: (() => string) | null = null): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send(errorBody(err));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: Issue[] = err.validation.map((v) => ({
        ...(v.params as Record<string, unknown>),
        code: v.keyword,
        message: v.message,
        path: v.instancePath.split('/').filter(Boolean),
      }));
      const e = validationError(issues, err.validationContext ?? 'body');
      return reply.status(400).send(errorBody(e));
    }
    // Two clerks racing for the same business key: the database decides, the loser hears why.
    const pgCode = (err as { code?: unknown }).code;
    if (pgCode === '23505') {
      return reply.status(409).send(errorBody(new AppError(409, 'DUPLICATE', '该记录已存在（可能刚被他人创建）', 'This record already exists (someone may just have created it)')));
    }
    if (pgCode === '40001' || pgCode === '40P01') {
      return reply.status(409).send(errorBody(new AppError(409, 'RETRY', '数据正被他人修改，请重试', 'Someone else is changing this data: please retry')));
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 429) {
      return reply.status(429).send(errorBody(new AppError(429, 'RATE_LIMITED', '请求过于频繁，请稍后再试', 'Too many requests: please try again shortly')));
    }
    if (status === 413) {
      return reply.status(413).send(errorBody(new AppError(413, 'TOO_LARGE', '文件或内容过大', 'The file or request is too large')));
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody(new AppError(status, 'BAD_REQUEST', `请求无效：${err.message}`, `Bad request: ${err.message}`)));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(new AppError(500, 'INTERNAL', '系统内部错误，请稍后重试或联系管理员', 'Internal error: please retry or contact the administrator')));
  });
  app.setNotFoundHandler((req, reply) => {
    if (spaIndex && (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').type('text/html').send(spaIndex());
    }
    return reply.status(404).send(errorBody(new AppError(404, 'NOT_FOUND', '请求的地址不存在', 'No such address')));
  });
}
