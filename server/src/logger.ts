/**
 * Structured one-line JSON logs. Callers pass identifiers, never personal data: no
 * names, no codici fiscali, no answers (QUALITY.md §2, tested with canary values).
 */
export type LogLevel = 'silent' | 'error' | 'info' | 'debug';
const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] > ORDER[level]) return;
    write(JSON.stringify({ t: new Date().toISOString(), level: at, msg: message, ...fields }));
  };
  return {
    error: (m, f) => emit('error', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
  };
}
