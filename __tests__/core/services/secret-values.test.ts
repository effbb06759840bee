import { containerSecretSightings } from "../../../core/services/container-checks";
import type { ContainerPlan } from "../../../core/model/plan-types";
import { secretKindInArgument, secretKindInText, shannonEntropy, wordLike } from "../../../core/services/secret-values";

/**
 * Secrets by value, wherever they sit in a container definition (issue 23 item 3). Token-shaped
 * fixtures are built by concatenation so that no scanner mistakes this file for a leak; none is real.
 */
const AT = "environments.prod.services.api";
const HEX64 = "0123456789abcdef".repeat(4);

function container(settings: Partial<ContainerPlan["settings"]>, environment: Record<string, string> = {}): ContainerPlan {
  return {
    name: "api",
    essential: true,
    image: { repositoryUri: "111111111111.dkr.ecr.us-east-1.amazonaws.com/api", tag: "1.0.0" } as ContainerPlan["image"],
    environment,
    secrets: {},
    settings: { readonlyRootFilesystem: false, dependsOn: {}, versionConsistency: "enabled", ...settings },
  };
}

/** "path rule kind" lines: the message starts with the kind, which is all a test needs to pin. */
function sightings(c: ContainerPlan): string[] {
  return containerSecretSightings(c, AT).map((s) => `${s.path} ${s.rule.id} ${s.message.split(";")[0]}`);
}

const env = (name: string, value: string) => container({}, { [name]: value });
const command = (args: string[]) => container({ command: args });
const health = (args: string[]) => container({ healthCheck: { command: args, intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 } });

describe("twenty secret values that are caught, each at its path, by kind", () => {
  test.each<[string, ContainerPlan, string]>([
    ["URL with a password", env("DATABASE_URL", "postgres://app:Sup3rS3cret@db/app"), `${AT}.environment.DATABASE_URL PG-SECRET-VALUE its value looks like a URL with a password (scheme://user:password@host)`],
    ["URL with an empty user", env("CACHE", "redis://:p4ssw0rd@cache:6379/0"), `${AT}.environment.CACHE PG-SECRET-VALUE its value looks like a URL with a password (scheme://user:password@host)`],
    ["Stripe secret key", env("PAYMENTS", "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc"), `${AT}.environment.PAYMENTS PG-SECRET-VALUE its value looks like a Stripe live key`],
    ["Stripe restricted key", env("PAYMENTS", "rk_" + "live_" + "51H8xYzAbCdEfGhIjKlMnOp"), `${AT}.environment.PAYMENTS PG-SECRET-VALUE its value looks like a Stripe live key`],
    ["GitHub classic token", env("CLONE", "ghp" + "_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"), `${AT}.environment.CLONE PG-SECRET-VALUE its value looks like a GitHub token`],
    ["GitHub fine-grained token", env("CLONE", "github" + "_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuv"), `${AT}.environment.CLONE PG-SECRET-VALUE its value looks like a GitHub token`],
    ["GitLab token", env("CI", "glpat" + "-" + "xYz12AbC34dEf56GhI78"), `${AT}.environment.CI PG-SECRET-VALUE its value looks like a GitLab token`],
    ["Slack bot token", env("HOOK", "xoxb" + "-" + "123456789012-abcdefABCDEF"), `${AT}.environment.HOOK PG-SECRET-VALUE its value looks like a Slack token`],
    ["Google API key", env("MAPS", "AIza" + "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW"), `${AT}.environment.MAPS PG-SECRET-VALUE its value looks like a Google API key`],
    ["AWS access key id", env("UPLOADS", "AKIA" + "IOSFODNN7EXAMPLE"), `${AT}.environment.UPLOADS PG-SECRET-VALUE its value looks like an AWS access key id`],
    ["AWS session key id", env("UPLOADS", "ASIA" + "IOSFODNN7EXAMPLE"), `${AT}.environment.UPLOADS PG-SECRET-VALUE its value looks like an AWS access key id`],
    ["AWS secret key named by its variable", env("AWS_S3_SIGNING", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), `${AT}.environment.AWS_S3_SIGNING PG-SECRET-VALUE its value looks like an AWS secret access key`],
    ["private key block", env("TLS", "-----BEGIN " + "EC PRIVATE KEY-----\nMHcCAQEE"), `${AT}.environment.TLS PG-SECRET-VALUE its value looks like a private key`],
    ["JSON Web Token", env("SESSION", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"), `${AT}.environment.SESSION PG-SECRET-VALUE its value looks like a JSON Web Token`],
    ["random token", env("UPSTREAM", "q8Z3vN1xR7tK2mW9pL4sB6yH0cJ5dF"), `${AT}.environment.UPSTREAM PG-SECRET-VALUE its value looks like a random token (high entropy)`],
    ["key id in a command flag", command(["--aws-key=" + "AKIA" + "IOSFODNN7EXAMPLE"]), `${AT}.command[0] PG-SECRET-VALUE looks like an AWS access key id`],
    ["--db-password=", command(["serve", "--db-password=hunter2hunter2"]), `${AT}.command[1] PG-SECRET-VALUE looks like a secret given as a command-line flag`],
    ["--password then its value", command(["serve", "--password", "hunter2"]), `${AT}.command[2] PG-SECRET-VALUE looks like a secret given as a command-line flag`],
    ["curl -u in a shell health check", health(["CMD-SHELL", "curl -fsS -u admin:pw http://localhost/health || exit 1"]), `${AT}.healthCheck.command[1] PG-SECRET-VALUE looks like a user:password pair (curl -u)`],
    ["curl -u in an exec health check", health(["CMD", "curl", "-u", "admin:pw", "http://localhost/"]), `${AT}.healthCheck.command[3] PG-SECRET-VALUE looks like a user:password pair (curl -u)`],
    ["mysql -p in an entry point", container({ entryPoint: ["sh", "-c", "mysql -h db -pS3cret app < /init.sql"] }), `${AT}.entryPoint[2] PG-SECRET-VALUE looks like a password flag (mysql -p)`],
    ["a secret by its name (the rule of before)", env("DB_PASSWORD", "changeme"), `${AT}.environment.DB_PASSWORD PG-SECRET-NAME looks like a secret by its name`],
  ])("%s", (_, c, expected) => {
    expect(sightings(c)).toEqual([expected]);
  });
});

describe("twenty look-alikes that pass", () => {
  test.each<[string, ContainerPlan]>([
    ["a Secrets Manager ARN", env("DB_SECRET_ARN_REF", "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf")],
    ["a KMS key ARN", env("KMS", "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab")],
    ["an image digest", env("SIDECAR_IMAGE", `public.ecr.aws/nginx/nginx@sha256:${HEX64}`)],
    ["a UUID", env("TENANT", "550e8400-e29b-41d4-a716-446655440000")],
    ["a git commit id", env("GIT_COMMIT", "3f786850e387550fdab836ed7e6dc881de23001b")],
    ["a local URL", env("UPSTREAM", "http://localhost:8080")],
    ["a database URL without a password", env("DATABASE_URL", "postgres://db:5432/app")],
    ["a database URL with a user only", env("DATABASE_URL", "postgres://app@db:5432/app")],
    ["a database URL whose password is a variable", command(["migrate", "postgres://app:${DB_PASSWORD}@db/app"])],
    ["base64 of short text", env("GREETING", "aGVsbG8gd29ybGQ=")],
    ["feature flags", env("FEATURES", "checkout-v2=on,search-beta=off,newPricingEngine2025=on")],
    ["a hostname", env("HOST", "orders-api.prod.internal.example.com")],
    ["an S3 URI", env("BUCKET", "s3://my-bucket-2025/path/to/Object-Key.json")],
    ["JSON", env("LOGGING", '{"level":"info","sampling":0.25,"fields":["traceId","spanId"]}')],
    ["JVM options", env("JAVA_OPTS", "-XX:MaxRAMPercentage=75.0 -Dspring.profiles.active=prod -Dfile.encoding=UTF-8")],
    ["a password read from a file", command(["serve", "--password-file", "/run/secrets/db"])],
    ["a password flag naming a variable", command(["serve", "--password", "$DB_PASSWORD"])],
    ["-p as a port, -u as a user id, find -print", command(["sh", "-c", "gosu -u 1000:1000 server -p 8080 && find /data -name '*.tmp' -print"])],
    ["curl without -u", health(["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"])],
    ["a TTL flag and a switch", command(["serve", "--token-ttl=3600", "--no-password", "--verbose"])],
    ["names made of words reach random-token entropy (4.41 bits)", env("CLUSTER", "MyApp-Production-Cluster-2025-EuWest1")],
    ["ordinary names and numbers", container({ workingDirectory: "/srv/app", user: "1000:1000" }, { TOKEN_TTL_SECONDS: "3600", PASSWORD_MIN_LENGTH: "12", LOG_LEVEL: "info" })],
  ])("%s", (_, c) => {
    expect(sightings(c)).toEqual([]);
  });
});

describe("the rules underneath", () => {
  test("Shannon entropy in bits per character, hand-computed", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abab")).toBe(1);
    expect(shannonEntropy("abcd")).toBe(2);
    expect(shannonEntropy("0123456789abcdef")).toBe(4);
  });

  test("made of words, or not: one lone lower-case letter after a digit or at the start is enough", () => {
    expect(wordLike("MyApp-Production-Cluster-2025-EuWest1")).toBe(true);
    expect(wordLike("OrderServiceApplication2")).toBe(true);
    expect(wordLike("q8Z3vN1xR7tK2mW9pL4sB6yH0cJ5dF")).toBe(false);
    expect(wordLike("Release2025v2")).toBe(false);
  });

  test("a flag's value is judged with the flag before it, and only then", () => {
    expect(secretKindInArgument(["--api-key", "k3y"], 1)).toBe("a secret given as a command-line flag");
    expect(secretKindInArgument(["--api-key", "k3y"], 0)).toBeUndefined();
    expect(secretKindInArgument(["echo", "k3y"], 1)).toBeUndefined();
  });

  test("hostile: a huge value is judged without the value in the answer, and repeated prefixes do not stall", () => {
    const huge = "eyJ".repeat(100_000) + "://" + "a".repeat(100_000);
    expect(secretKindInText(huge)).toBeUndefined();
    const key = "AKIA" + "IOSFODNN7EXAMPLE";
    const sighting = containerSecretSightings(env("BLOB", "x".repeat(1_000_000) + " " + key), AT);
    expect(sighting.map((s) => s.path)).toEqual([`${AT}.environment.BLOB`]);
    expect(sighting[0]!.message.length).toBeLessThan(200);
    expect(sighting[0]!.message).not.toContain("AKIA");
  });

  test("hostile: 20,000 arguments are judged in one pass each; the flag's value is found at its index", () => {
    const args = [...Array.from({ length: 20_000 }, () => "--verbose"), "--password", "x1"];
    expect(sightings(command(args))).toEqual([`${AT}.command[20001] PG-SECRET-VALUE looks like a secret given as a command-line flag`]);
  });
});
