/**
 * A small structured logger: one JSON line per entry on stderr (the 12-factor way; the
 * platform collects it). Tests pass `silentLogger` or a recording one.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function line(level: string, message: string, fields?: Record<string, unknown>): string {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    extra[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return JSON.stringify({ time: new Date().toISOString(), level, message, ...extra });
}

export const jsonLogger: Logger = {
  info: (message, fields) => process.stderr.write(`${line("info", message, fields)}\n`),
  warn: (message, fields) => process.stderr.write(`${line("warn", message, fields)}\n`),
  error: (message, fields) => process.stderr.write(`${line("error", message, fields)}\n`),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Keeps entries in memory (tests read them). */
export function recordingLogger(): Logger & { entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> } {
  const entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  return {
    entries,
    info: (message, fields) => entries.push({ level: "info", message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) => entries.push({ level: "warn", message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => entries.push({ level: "error", message, ...(fields ? { fields } : {}) }),
  };
}
