import { run } from "../scripts/diagnose";
import { discoverConfig, useConfig } from "./config-discovery";
import { CLI_EXIT, type CliIo } from "./io";

export const DIAGNOSE_HELP = `usage: pullguard diagnose [--format text|markdown|json] <file>...
       pullguard diagnose --live --environment <env> --service <service> [--since-hours N]

Reads a failed rollout's evidence (aws ecs describe-services / describe-tasks output, CloudTrail
events, CloudWatch metric data, ECS agent logs; gzip'd or not), names the cause per service and
time window, and links it to the config: the config path and value that fix it. --live reads the
same evidence from AWS with the credentials in the environment; it needs the optional peer
dependencies @aws-sdk/client-ecs, @aws-sdk/client-cloudtrail and @aws-sdk/client-cloudwatch.

examples:
  aws ecs describe-services --cluster dev --services web > services.json
  pullguard diagnose services.json tasks.json
  pullguard diagnose --live --environment prod --service orders --since-hours 6

exit codes: 0 a diagnosis was printed (whatever it found), 1 bad input, 2 internal error.
`;

/** `pullguard diagnose`: scripts/diagnose.ts against the config the CLI discovers. */
export async function diagnoseCommand(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(DIAGNOSE_HELP);
    return CLI_EXIT.ok;
  }
  const config = discoverConfig(env, io.cwd);
  if (!config.ok) {
    io.stderr(`pullguard diagnose: ${config.problem}\n`);
    return CLI_EXIT.refused;
  }
  useConfig(env, config);
  try {
    const out = await run(argv, env);
    io.stdout(out.stdout);
    for (const line of out.stderr) io.stderr(`${line}\n`);
    return out.code;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // The AWS SDK is an optional peer: --live without it is the user's to install, not a crash.
    if (e.code === "MODULE_NOT_FOUND" && /@aws-sdk\//.test(e.message)) {
      io.stderr("pullguard diagnose: --live needs the AWS SDK: npm install @aws-sdk/client-ecs @aws-sdk/client-cloudtrail @aws-sdk/client-cloudwatch\n");
      return CLI_EXIT.refused;
    }
    io.stderr(`pullguard diagnose: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message.split("\n")[0]}\n`);
    if (env.PULLGUARD_DEBUG) io.stderr(`${e.stack}\n`);
    return CLI_EXIT.usage;
  }
}
