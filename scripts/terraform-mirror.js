#!/usr/bin/env node
/**
 * Finds a filesystem mirror of the hashicorp/aws provider, so terraform can init offline.
 *
 * Machine paths stay out of the repository: the mirror is looked for, never named. Where it looks,
 * in order: the directories Terraform itself treats as implied local mirrors, then a shallow search
 * of the filesystem for a `registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>` directory.
 *
 *   node scripts/terraform-mirror.js              prints the mirror directory and provider version
 *   node scripts/terraform-mirror.js --cli-config  writes a CLI config using it to a temp file and
 *                                                   prints that file's path (for TF_CLI_CONFIG_FILE)
 *
 * Exits 1 with a one-line reason when there is no mirror.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const PROVIDER = path.join("registry.terraform.io", "hashicorp", "aws");

/** Terraform's platform directory name for this machine, e.g. linux_amd64. */
function terraformPlatform() {
  const arch = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" }[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** Highest provider version in a mirror directory that has a binary for this platform. */
function providerVersionIn(mirror) {
  const dir = path.join(mirror, PROVIDER);
  let versions;
  try {
    versions = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const usable = versions.filter((v) => {
    const platformDir = path.join(dir, v, terraformPlatform());
    try {
      return fs.readdirSync(platformDir).some((f) => f.startsWith("terraform-provider-aws"));
    } catch {
      return false;
    }
  });
  const numeric = (v) => v.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  usable.sort((a, b) => {
    const [x, y] = [numeric(a), numeric(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  });
  return usable.at(-1);
}

/** Terraform's implied local mirror directories (see "Implied Local Mirror Directories"). */
function impliedMirrors() {
  const home = os.homedir();
  const dirs = [path.join(home, ".terraform.d", "plugins"), path.join(home, ".local", "share", "terraform", "plugins")];
  for (const base of (process.env.XDG_DATA_DIRS ?? "/usr/local/share:/usr/share").split(":")) if (base) dirs.push(path.join(base, "terraform", "plugins"));
  return dirs;
}

/** A shallow search of the filesystem (0.3 s here): mirrors live in a handful of conventional places. */
function searchedMirrors() {
  const found = spawnSync(
    "find",
    ["/", "-maxdepth", "5", "(", "-path", "/proc", "-o", "-path", "/sys", "-o", "-path", "/dev", "-o", "-name", "node_modules", "-o", "-name", ".git", ")", "-prune", "-o", "-type", "d", "-name", "registry.terraform.io", "-print"],
    { encoding: "utf8", timeout: 20_000 },
  );
  return (found.stdout ?? "").split("\n").filter(Boolean).map((d) => path.dirname(d)).sort();
}

/** @returns {{ mirror: string, version: string } | undefined} */
function findProviderMirror() {
  for (const mirror of [...impliedMirrors(), ...searchedMirrors()]) {
    const version = providerVersionIn(mirror);
    if (version !== undefined) return { mirror, version };
  }
  return undefined;
}

/** A CLI config that installs hashicorp/aws from the mirror and every other provider as usual. */
function cliConfigText(mirror) {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/aws"]',
    "  }",
    "  direct {",
    '    exclude = ["registry.terraform.io/hashicorp/aws"]',
    "  }",
    "}",
    "",
  ].join("\n");
}

function writeCliConfig(mirror) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pullguard-tfrc-")), "terraform.rc");
  fs.writeFileSync(file, cliConfigText(mirror));
  return file;
}

module.exports = { findProviderMirror, providerVersionIn, cliConfigText, writeCliConfig };

if (require.main === module) {
  const found = findProviderMirror();
  if (found === undefined) {
    console.error("no filesystem mirror of hashicorp/aws found (looked in Terraform's implied mirror directories and 5 levels below /)");
    process.exit(1);
  }
  if (process.argv.includes("--cli-config")) console.log(writeCliConfig(found.mirror));
  else console.log(`${found.mirror} hashicorp/aws ${found.version}`);
}
