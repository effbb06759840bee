import { parseArn } from "../aws/arn";

/** Every ARN in free text (runtime messages, CloudTrail errors), in any partition; text ends an ARN at whitespace, a quote or a comma. */
export function arnsIn(text: string): string[] {
  return (text.match(/\barn:[^\s"',]+/g) ?? []).filter((a) => parseArn(a) !== undefined);
}

/** The Region field of an ARN; undefined for a global resource or text that is no ARN. */
export function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn === undefined ? undefined : parseArn(arn)?.region;
  return region === "" ? undefined : region;
}
