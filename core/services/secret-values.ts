/**
 * Does a string carry a secret? Everything in a container definition (environment, command,
 * entryPoint, health check) is stored in the task definition and in Terraform state, readable by
 * anyone with ecs:DescribeTaskDefinition or the state file. The answer is a kind ("a GitHub token"),
 * never the value or any part of it. The rules, their order and the thresholds are documented in
 * docs/services.md ("Secrets in container definitions").
 */

/** Well-known token formats: a prefix or a framing no ordinary value has. */
const KNOWN_TOKENS: readonly { readonly pattern: RegExp; readonly kind: string }[] = [
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, kind: "a private key" },
  { pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/, kind: "an AWS access key id" },
  { pattern: /(?<![A-Za-z0-9])[rs]k_live_[A-Za-z0-9]{16,}/, kind: "a Stripe live key" },
  { pattern: /(?<![A-Za-z0-9])(?:gh[opsu]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/, kind: "a GitHub token" },
  { pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/, kind: "a GitLab token" },
  { pattern: /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/, kind: "a Slack token" },
  { pattern: /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{35}/, kind: "a Google API key" },
  { pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/, kind: "a JSON Web Token" },
];

/**
 * Stands for a secret kept elsewhere, so it is not one: a shell or template variable, a command
 * substitution, an <angle-bracket> placeholder, a masked value. `changeme` and friends are not on
 * the list: a database accepts them as passwords like any other.
 */
const REFERENCE = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(.*\)|<[^<>]+>|\{\{.*\}\}|%[sd]|\*+)$/;

function isSecretPart(text: string): boolean {
  return text.length > 0 && !REFERENCE.test(text);
}

/** scheme://user:password@host — the password is a secret unless it is a reference. */
// Starts only where a run of scheme characters starts, so a long run is scanned once, not per position.
const URL_CREDENTIALS = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]*)@/g;

/** A flag whose name ends in a secret's word, with a value: --db-password=x, --api-key x. */
const SECRET_FLAG_NAME = "--?[A-Za-z0-9_-]*?(?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credentials?)";
const SECRET_FLAG_INLINE = new RegExp(`(?:^|\\s)${SECRET_FLAG_NAME}(?:=|\\s+)["']?([^\\s"']*)`, "gi");
const SECRET_FLAG_ALONE = new RegExp(`(?:^|\\s)${SECRET_FLAG_NAME}$`, "i");

/** curl -u user:password (or --user): only where curl runs, since -u means a user id elsewhere. */
const CURL_USER_INLINE = /(?:^|\s)(?:-u|--user)(?:=|\s+)["']?[^\s"':]*:([^\s"']*)/g;
const CURL_USER_ALONE = /(?:^|\s)(?:-u|--user)$/;
const USER_PASSWORD = /^["']?[^\s"':]*:([^\s"']*)["']?$/;

/** mysql -pSECRET: the password glued to -p; only where mysql or mariadb runs (-p is a port elsewhere). */
const MYSQL_PASSWORD = /(?:^|\s)-p([^\s"']+)/g;

/** An AWS secret access key: 40 base64 characters, named as such in the surrounding text. */
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * High-entropy tokens: a run of 24+ base64/base64url characters with upper case, lower case and a
 * digit, not made of words (wordLike), at 4.2 bits per character or more. Pure hex is left alone on purpose (image digests,
 * commit ids and checksums are hex), so are UUIDs (lower-case hex), and the run breaks at `.`,
 * `:` and `@`, which keeps ARNs, hostnames and image references in short pieces.
 */
export const ENTROPY_MIN_LENGTH = 24;
const ENTROPY_TOKEN = new RegExp(`[A-Za-z0-9+/=_-]{${ENTROPY_MIN_LENGTH},}`, "g");
export const ENTROPY_BITS_PER_CHARACTER = 4.2;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...text].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Made of words: every run of lower-case letters is 3+ long or follows a capital (MyApp-Production-
 * Cluster-2025-EuWest1, OrderServiceApplication2). Names like these reach random-token entropy;
 * a random token almost never passes this (a lone lower-case letter after a digit or at the start
 * is enough to fail). A linear scan, not a regex: nested quantifiers would backtrack on hostile input.
 */
export function wordLike(token: string): boolean {
  let i = 0;
  while (i < token.length) {
    if (!/[a-z]/.test(token[i]!)) {
      i++;
      continue;
    }
    const start = i;
    while (i < token.length && /[a-z]/.test(token[i]!)) i++;
    const afterCapital = start > 0 && /[A-Z]/.test(token[start - 1]!);
    if (i - start < 3 && !afterCapital) return false;
  }
  return true;
}

function looksRandom(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token) && !wordLike(token) && shannonEntropy(token) >= ENTROPY_BITS_PER_CHARACTER;
}

function anyGroup(pattern: RegExp, text: string, accept: (group: string) => boolean): boolean {
  for (const match of text.matchAll(pattern)) if (accept(match[1] ?? "")) return true;
  return false;
}

/** What the surrounding text says, computed once per command line rather than once per argument. */
export interface SecretContext {
  /** curl runs here: -u user:password is a password. */
  readonly curl: boolean;
  /** mysql or mariadb runs here: -pSECRET is a password. */
  readonly mysql: boolean;
  /** The variable name or the command line mentions aws or secret: 40 base64 characters are an AWS secret key. */
  readonly awsOrSecret: boolean;
}

/** The context of a text on its own, or of a whole command line plus a name (an environment variable's). */
export function secretContext(text: string, name = ""): SecretContext {
  return {
    curl: /\bcurl\b/.test(text),
    mysql: /\b(?:mysql|mysqldump|mysqladmin|mariadb)\b/.test(text),
    awsOrSecret: /aws|secret/i.test(name) || /aws|secret/i.test(text),
  };
}

/** The kind of secret a string carries, or undefined. */
export function secretKindInText(text: string, context: SecretContext = secretContext(text)): string | undefined {
  const known = KNOWN_TOKENS.find((t) => t.pattern.test(text));
  if (known) return known.kind;
  if (anyGroup(URL_CREDENTIALS, text, isSecretPart)) return "a URL with a password (scheme://user:password@host)";
  if (context.curl && anyGroup(CURL_USER_INLINE, text, isSecretPart)) return "a user:password pair (curl -u)";
  if (context.mysql && anyGroup(MYSQL_PASSWORD, text, isSecretPart)) return "a password flag (mysql -p)";
  if (anyGroup(SECRET_FLAG_INLINE, text, (v) => isSecretPart(v) && !v.startsWith("-"))) return "a secret given as a command-line flag";
  if (context.awsOrSecret) {
    for (const match of text.matchAll(AWS_SECRET_KEY)) if (/[A-Z]/.test(match[0]) && /[a-z]/.test(match[0]) && /[0-9]/.test(match[0])) return "an AWS secret access key";
  }
  for (const match of text.matchAll(ENTROPY_TOKEN)) if (looksRandom(match[0])) return "a random token (high entropy)";
  return undefined;
}

/**
 * The kind of secret argument `index` of an exec-form command carries: on its own, or as the
 * value of the flag just before it (["--password", "x"], ["curl", "-u", "admin:pw"]). `context`
 * is the whole command line's (secretContext(args.join(" "))), computed once by the caller.
 */
export function secretKindInArgument(args: readonly string[], index: number, context: SecretContext = secretContext(args.join(" "))): string | undefined {
  const arg = args[index] ?? "";
  const own = secretKindInText(arg, context);
  if (own || index === 0) return own;
  const previous = args[index - 1] ?? "";
  if (SECRET_FLAG_ALONE.test(previous) && isSecretPart(arg) && !arg.startsWith("-")) return "a secret given as a command-line flag";
  if (context.curl && CURL_USER_ALONE.test(previous)) {
    const password = USER_PASSWORD.exec(arg)?.[1];
    if (password !== undefined && isSecretPart(password)) return "a user:password pair (curl -u)";
  }
  return undefined;
}
