/**
 * Code-point order for every sort whose result reaches output: `localeCompare` depends on the
 * locale (LC_ALL, ICU data), and output must be byte-identical on every machine.
 */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! - b.codePointAt(i)!;
  }
  return a.length - b.length;
}
