import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from "node:fs";
import { isAbsolute, resolve } from "node:path";

/** The environment variable that points pullguard at a JSON or YAML config instead of config/platform.ts. */
export const CONFIG_ENV_VAR = "PULLGUARD_CONFIG";

/** A config of 1,000 services is about 200 KB; anything near this cap is not a hand-written config. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * The directory a relative PULLGUARD_CONFIG is relative to: where the user typed the command.
 * `npm run` starts its script in the package root, not there, and records the user's directory
 * in INIT_CWD; anywhere else (node run directly, a CI step) the working directory is that place.
 */
export function configBaseDirectory(env: NodeJS.ProcessEnv): string {
  const initCwd = env.INIT_CWD;
  return initCwd !== undefined && isAbsolute(initCwd) ? initCwd : process.cwd();
}

/** The absolute path PULLGUARD_CONFIG names (see configBaseDirectory). */
export function resolveConfigPath(file: string, env: NodeJS.ProcessEnv): string {
  return resolve(configBaseDirectory(env), file);
}

/**
 * Reads a config file without ever blocking or reading without end: opened non-blocking (a FIFO
 * with no writer would otherwise wait forever), checked to be a regular file on the open
 * descriptor (no race with a swap), and read up to the size cap. The text must be UTF-8; a UTF-8
 * byte order mark (Windows editors write one) is dropped, any other encoding is named.
 */
export function readConfigFile(file: string): { text: string } | { problem: string } {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "ENOENT" ? "does not exist" : code === "EACCES" ? "is not readable (permission denied)" : code === "ENXIO" ? "is not a regular file (a FIFO, device or socket)" : `cannot be read (${code ?? "unknown error"})` };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { problem: "is a directory" };
    if (!stat.isFile()) return { problem: "is not a regular file (a FIFO, device or socket)" };
    if (stat.size > MAX_CONFIG_BYTES) return { problem: `is ${stat.size} bytes; a config file may be at most ${MAX_CONFIG_BYTES} bytes` };
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_CONFIG_BYTES) return { problem: `grew past ${MAX_CONFIG_BYTES} bytes while being read` };
    }
    return decodeConfigBytes(buffer.subarray(0, length));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? "unknown error"})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * UTF-8 text, its byte order mark dropped. PowerShell 5's `>` and Notepad's "Unicode" write
 * UTF-16, which decoded as UTF-8 is a NUL between every letter: named, not parsed.
 */
export function decodeConfigBytes(bytes: Uint8Array): { text: string } | { problem: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: "is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8" };
  }
  let text: string;
  try {
    // The decoder drops a UTF-8 byte order mark (ignoreBOM: false).
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // The lenient decoding marks the first bad byte with U+FFFD, which the strict one refused.
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const { line, column } = lineAndColumn(lenient, lenient.indexOf("\ufffd"));
    return { problem: `is not UTF-8 text (a byte at line ${line}, column ${column} is not UTF-8; another encoding such as Latin-1?); save it as UTF-8` };
  }
  return { text };
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, index));
  return { line: before.split("\n").length, column: before.length - before.lastIndexOf("\n") };
}
