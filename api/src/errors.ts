// Typed API errors. Each carries the HTTP status, a stable machine code (clients branch on it),
// the message-catalogue key of its human text, and optionally the failing fields.
import type { MessageKey } from './i18n/messages.js';

export const API_ERR = {
  BAD_REQUEST: { status: 400, message: 'badRequest' },
  AUTH_REQUIRED: { status: 401, message: 'authRequired' },
  AUTH_INVALID: { status: 401, message: 'authInvalid' },
  FORBIDDEN: { status: 403, message: 'forbidden' },
  NOT_FOUND: { status: 404, message: 'notFound' },
  CONFLICT: { status: 409, message: 'conflict' },
  TASK_STATE_CONFLICT: { status: 409, message: 'taskStateConflict' },
  DEAD_LETTER_ALREADY_REPLAYED: { status: 409, message: 'deadLetterAlreadyReplayed' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: 'idempotencyInProgress' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'payloadTooLarge' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'unsupportedMediaType' },
  VALIDATION_FAILED: { status: 422, message: 'validationFailed' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'idempotencyKeyReused' },
  RATE_LIMITED: { status: 429, message: 'rateLimited' },
  INTERNAL: { status: 500, message: 'internal' },
  UNAVAILABLE: { status: 503, message: 'unavailable' },
} as const satisfies Record<string, { status: number; message: MessageKey }>;

export type ApiErrorCode = keyof typeof API_ERR;

export interface FieldError {
  /** JSON-pointer-like path of the failing input: `query.size`, `body.phoneNumbers[2]`. */
  field: string;
  /** The rule broken (ajv keyword or ours: required, maximum, format, phone…). */
  rule: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly errorCode: ApiErrorCode,
    readonly fields: FieldError[] = [],
    /** Extra English detail for logs and the response's `detail`; never PII. */
    readonly detail?: string,
  ) {
    super(detail ?? errorCode);
    this.name = 'ApiError';
    this.status = API_ERR[errorCode].status;
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', [], `${what} not found`);
export const invalidField = (field: string, rule: string, message: string) => new ApiError('VALIDATION_FAILED', [{ field, rule, message }]);
