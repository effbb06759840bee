/** Names every JavaScript object already has as properties, which no stack may take. */
/** "constructor" and the other properties of every JavaScript object. */
export function reserved(stackName: string): boolean {
  return stackName in Object.prototype;
}
