// JSON-schema builders shared by every route: the unified envelope, pages, paging parameters
// and the error shape. ajv enforces them and @fastify/swagger turns them into the OpenAPI
// document, so the two can never disagree.

export type JsonSchema = Record<string, unknown>;

export const isoDateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });

export function envelope(data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['code', 'message', 'data'],
    properties: { code: { type: 'integer', example: 200 }, message: { type: 'string', example: '操作成功' }, data },
  };
}

export function pageOf(item: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['records', 'total', 'size', 'current', 'pages'],
    properties: {
      records: { type: 'array', items: item },
      total: { type: 'integer', description: 'Records matching the filters' },
      size: { type: 'integer', description: 'Page size asked for' },
      current: { type: 'integer', description: 'This page, from 1' },
      pages: { type: 'integer', description: 'ceil(total / size)' },
    },
  };
}

export const MAX_PAGE_SIZE = 200;
export const MAX_PAGE = 100_000;

/** page/size/sort/order, as every list endpoint takes them (spec conventions). */
export function pagingQuery<S extends string>(sorts: readonly S[], defaultSort: S): Record<string, JsonSchema> {
  return {
    page: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1, description: 'Page number, from 1' },
    size: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 10, description: 'Records per page' },
    sort: { type: 'string', enum: [...sorts], default: defaultSort, description: 'Sort field' },
    order: { type: 'string', enum: ['asc', 'desc'], default: 'desc', description: 'Sort direction' },
  };
}

export interface PagingParams<S extends string = string> {
  page: number;
  size: number;
  sort: S;
  order: 'asc' | 'desc';
}

export interface Page<T> {
  records: T[];
  total: number;
  size: number;
  current: number;
  pages: number;
}

export function toPage<T>(records: T[], total: number, p: Pick<PagingParams, 'page' | 'size'>): Page<T> {
  return { records, total, size: p.size, current: p.page, pages: Math.ceil(total / p.size) };
}

export const errorSchema: JsonSchema = {
  type: 'object',
  required: ['code', 'message', 'errorCode', 'data'],
  properties: {
    code: { type: 'integer', description: 'HTTP status' },
    message: { type: 'string', description: 'Human-readable, in the caller\'s language (Accept-Language; zh-CN default)' },
    errorCode: { type: 'string', description: 'Stable machine code (docs/errors.md)' },
    errors: {
      type: 'array',
      description: '422: every failing field',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
      },
    },
    requestId: { type: 'string' },
    detail: { type: 'string', description: 'Extra English detail of a 4xx (e.g. the current status on a 409); never personal data' },
    data: { type: 'null' },
  },
};

/** The error responses every authenticated route can give, for the OpenAPI document. */
export function errorResponses(...statuses: number[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const s of [400, 401, 403, 429, 500, ...statuses]) out[String(s)] = { description: 'Error', ...errorSchema };
  return out;
}
