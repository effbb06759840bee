/** The targets `npm run bench` checks its figures against (issue 15), and its verdict lines. */

export const TARGETS = {
  /** The embedded example through `npm run synth`, median wall. */
  embeddedSeconds: 0.5,
  /** `npm run synth` against `cdktf synth` on the embedded example, paired within rounds. */
  embeddedTimesFasterThanCli: 4,
  /** 10,000 services in 100 environments through `npm run synth`: median wall and peak memory. */
  largeSeconds: 10,
  largePeakMb: 1000,
} as const;

/** One line per target: the measured figure, the target, pass or FAIL. */
export function verdicts(embeddedSeconds: number, directOverCli: number, largeSeconds: number, largePeakMb: number): string[] {
  const line = (what: string, measured: string, target: string, pass: boolean) => `- ${what}: ${measured} (target ${target}): **${pass ? "pass" : "FAIL"}**`;
  const timesFaster = 1 / directOverCli;
  return [
    "Targets (issue 15):",
    "",
    line("embedded example through `npm run synth`", `${embeddedSeconds.toFixed(2)} s`, `under ${TARGETS.embeddedSeconds} s`, embeddedSeconds < TARGETS.embeddedSeconds),
    line("embedded example, paired direct / CLI", `${timesFaster.toFixed(1)}x faster`, `${TARGETS.embeddedTimesFasterThanCli}x or more`, timesFaster >= TARGETS.embeddedTimesFasterThanCli),
    line("10,000 services, wall", `${largeSeconds.toFixed(2)} s`, `${TARGETS.largeSeconds} s or less`, largeSeconds <= TARGETS.largeSeconds),
    line("10,000 services, peak memory", `${largePeakMb.toFixed(0)} MB`, `${TARGETS.largePeakMb} MB or less`, largePeakMb <= TARGETS.largePeakMb),
  ];
}

