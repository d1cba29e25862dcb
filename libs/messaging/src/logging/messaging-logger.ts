/** The subset of a pino logger this library writes to: `(fields, message)`. */
export interface MessagingLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

/** A logger that drops everything (tests, or callers that observe through metrics only). */
export const silentLogger: MessagingLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Default logger: warnings and errors as one JSON line on stderr; info is dropped. */
export const stderrLogger: MessagingLogger = {
  info: () => undefined,
  warn: (obj, msg) => writeLine('warn', obj, msg),
  error: (obj, msg) => writeLine('error', obj, msg),
};

function writeLine(level: string, obj: Record<string, unknown>, msg?: string): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), ...obj, msg })}\n`);
}
