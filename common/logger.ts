// pino loggers for every process. Redaction is the last line of defence: code logs ids, never
// phone numbers, emails or secrets, and these paths catch the mistakes.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'password', '*.password', 'secret', '*.secret', 'token', '*.token', 'apiKey', '*.apiKey',
  'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie',
  'phone', '*.phone', 'phoneNumber', '*.phoneNumber', 'phone_number', '*.phone_number',
  'callerId', '*.callerId', 'email', '*.email', 'payload', '*.payload',
];

export function createLogger(component: string, level: string, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { component, pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
