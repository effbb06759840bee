import { alignArrays, canonicalJson, diffValues, LCS_LIMIT, type AttributeChange } from "../../scripts/lib/tf-json-diff-values";

function changes(before: unknown, after: unknown, path = ""): AttributeChange[] {
  const out: AttributeChange[] = [];
  diffValues(before, after, path, out);
  return out;
}

describe("canonicalJson", () => {
  it("sorts object keys, keeps array order and leaves out undefined members", () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: null }, 2] })).toBe('{"a":[{"c":null},2],"b":1}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson("x")).toBe('"x"');
  });
});

describe("diffValues", () => {
  it("adds nothing for equal documents, whatever their key order", () => {
    expect(changes({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(changes({ a: undefined }, {})).toEqual([]);
  });

  it("reports a scalar or type change at its path, the whole value at the root", () => {
    expect(changes(1, 2)).toEqual([{ path: "", change: "changed", before: 1, after: 2 }]);
    expect(changes({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: "a", change: "changed", before: [1], after: { 0: 1 } }]);
    expect(changes(4, 6, "desired_count")).toEqual([{ path: "desired_count", change: "changed", before: 4, after: 6 }]);
  });

  it("walks keys in code-unit order and quotes keys that are not identifiers", () => {
    expect(changes({ tags: { b: 1, "a b": 1, "1st": 1 } }, { tags: { b: 2, "a b": 2, "1st": 2 } })).toEqual([
      { path: 'tags["1st"]', change: "changed", before: 1, after: 2 },
      { path: 'tags["a b"]', change: "changed", before: 1, after: 2 },
      { path: "tags.b", change: "changed", before: 1, after: 2 },
    ]);
    expect(changes({}, { "a-b": true, _x: false })).toEqual([
      { path: "_x", change: "added", after: false },
      { path: "a-b", change: "added", after: true },
    ]);
  });

  it("compares strings holding JSON objects or arrays inside, other strings as strings", () => {
    expect(changes('{"Effect":"Allow"}', '{"Effect":"Deny"}', "policy")).toEqual([{ path: "policy.Effect", change: "changed", before: "Allow", after: "Deny" }]);
    expect(changes('{"a":1,"b":2}', '{ "b": 2, "a": 1 }', "policy")).toEqual([{ path: "policy", change: "reformatted", before: '{"a":1,"b":2}', after: '{ "b": 2, "a": 1 }' }]);
    // "true" and "1" parse as JSON but are not documents: plain strings.
    expect(changes("true", "1", "value")).toEqual([{ path: "value", change: "changed", before: "true", after: "1" }]);
  });

  it("aligns lists on unchanged elements: removed at the base index, added and changed at the head index", () => {
    expect(changes(["a", "b", "c"], ["a", "x", "c"], "l")).toEqual([{ path: "l[1]", change: "changed", before: "b", after: "x" }]);
    expect(changes(["a", "b", "c", "d"], ["a", "d"], "l")).toEqual([
      { path: "l[1]", change: "removed", before: "b" },
      { path: "l[2]", change: "removed", before: "c" },
    ]);
    expect(changes(["a", "b"], ["new", "a", "b"], "l")).toEqual([{ path: "l[0]", change: "added", after: "new" }]);
    expect(changes([{ name: "web", image: "nginx:1" }], [{ name: "web", image: "nginx:2" }], "c")).toEqual([
      { path: "c[0].image", change: "changed", before: "nginx:1", after: "nginx:2" },
    ]);
  });
});

describe("alignArrays", () => {
  it("pairs equal lists element by element", () => {
    expect(alignArrays(["a", "b"], ["a", "b"])).toEqual([
      { op: "same", i: 0, j: 0 },
      { op: "same", i: 1, j: 1 },
    ]);
  });

  it("keeps the longest common subsequence", () => {
    // LCS of abc and bcd is bc: a removed, d added.
    expect(alignArrays(["a", "b", "c"], ["b", "c", "d"])).toEqual([
      { op: "removed", i: 0 },
      { op: "same", i: 1, j: 0 },
      { op: "same", i: 2, j: 1 },
      { op: "added", j: 2 },
    ]);
  });

  it("takes the head element first on a tie", () => {
    expect(alignArrays(["a"], ["b"])).toEqual([
      { op: "added", j: 0 },
      { op: "removed", i: 0 },
    ]);
  });

  it("pairs by index beyond LCS_LIMIT cells instead of building the table", () => {
    expect(LCS_LIMIT).toBe(1_000_000);
    // 1001 × 1000 = 1,001,000 cells > 1,000,000. The LCS would drop base[0] and keep 1000 pairs;
    // by index, position 0 differs, 1..999 match, and base[1000] has no partner.
    const base = ["y", ...new Array<string>(1000).fill("x")];
    const head = new Array<string>(1000).fill("x");
    const steps = alignArrays(base, head);
    expect(steps).toHaveLength(1002); // 2 at index 0 + 999 same + 1 removed
    expect(steps.slice(0, 3)).toEqual([
      { op: "removed", i: 0 },
      { op: "added", j: 0 },
      { op: "same", i: 1, j: 1 },
    ]);
    expect(steps.at(-1)).toEqual({ op: "removed", i: 1000 });
  });
});
