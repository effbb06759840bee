/**
 * `npm run addresses [-- <version>]`: writes __tests__/upgrade/addresses-<version>.json (default:
 * package.json's version) from the golden tree, the resource addresses every example synthesizes.
 * Run it when cutting a release, after `npm run golden`; the upgrade test
 * (__tests__/upgrade/address-contract.test.ts) then holds later changes to those addresses
 * (docs/upgrading.md).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addressesOfGoldenTree, type AddressFile } from "./lib/resource-addresses";

const root = join(__dirname, "..");
const version = process.argv[2] ?? (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
if (!/^\d+\.\d+\.\d+$/.test(version)) {
  console.error(`addresses: "${version}" is not a release version like 0.1.0`);
  process.exit(2);
}
const file: AddressFile = { pullguardVersion: version, examples: addressesOfGoldenTree(join(root, "__tests__", "golden")) };
const target = join(root, "__tests__", "upgrade", `addresses-${version}.json`);
writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
const count = Object.values(file.examples).reduce((n, stacks) => n + Object.values(stacks).reduce((m, a) => m + a.length, 0), 0);
console.log(`addresses: ${count} resource addresses of ${Object.keys(file.examples).length} examples written to ${join("__tests__", "upgrade", `addresses-${version}.json`)}`);
