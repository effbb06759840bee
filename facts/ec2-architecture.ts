/**
 * CPU architecture of an EC2 instance type, and the ECS-optimized AMI that matches it
 * (docs/services.md, "Capacity and platform"). Graviton families carry a `g` in the attribute letters after the
 * generation digit (c7g, m7gd, t4g, c6gn, r8g, x2gd, im4gn, is4gen, g5g); a1 is first-generation
 * Graviton. Everything else offered to ECS is x86_64 (g4dn and g5 are x86 GPU families: no `g`
 * after the digit).
 */

export type CpuArchitecture = "X86_64" | "ARM64";

/** ECS-optimized Amazon Linux 2023 AMI ids in public SSM parameters, per architecture (AWS ECS docs). */
export const ECS_OPTIMIZED_AMI_PARAMETER: Readonly<Record<CpuArchitecture, string>> = Object.freeze({
  X86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
  ARM64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
});

export function instanceArchitecture(instanceType: string): CpuArchitecture {
  const family = instanceType.split(".")[0] ?? "";
  if (family === "a1") return "ARM64";
  const match = /^[a-z]+-?\d+([a-z-]*)$/.exec(family);
  return match && match[1]!.includes("g") ? "ARM64" : "X86_64";
}
