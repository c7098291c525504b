/** Structured JSON logs; one root logger, children per service. */
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, service: string): Logger {
  return pino({ level, base: { service }, messageKey: 'msg' });
}
