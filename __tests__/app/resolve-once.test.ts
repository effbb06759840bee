import { App, DefaultTokenResolver, Lazy, StringConcat, TerraformStack, Token, Tokenization } from "cdktf";
import { isPlainString, resolveData } from "../../app/resolve-once";

/**
 * resolveData copies plain data itself and hands cdktf only what may be a token: its result must
 * be what cdktf's own resolve returns, and cdktf must see every token.
 */
const stack = new TerraformStack(new App({ stackTraces: false }), "resolve-once");
const options = { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) };
const cdktfResolve = (value: unknown): unknown => Tokenization.resolve(value, options);

function resolveCounting(value: unknown): { result: unknown; delegated: unknown[] } {
  const delegated: unknown[] = [];
  const result = resolveData(value, (part) => {
    delegated.push(part);
    return cdktfResolve(part);
  });
  return { result, delegated };
}

describe("resolveData", () => {
  it("copies plain data as cdktf does, dropping undefined, without asking cdktf", () => {
    const input = { a: "x", b: [1, undefined, "y", null], c: { d: undefined, e: null, f: false }, g: "1e5", h: "service-e-1", i: [] };
    const { result, delegated } = resolveCounting(input);
    expect(result).toEqual({ a: "x", b: [1, "y", null], c: { e: null, f: false }, g: "1e5", h: "service-e-1", i: [] });
    expect(Object.keys((result as { c: object }).c)).toEqual(["e", "f"]);
    expect(result).toEqual(cdktfResolve(input));
    expect(delegated).toEqual([]);
    // A copy, never the input itself: cdktf merges into what it gets back.
    expect(result).not.toBe(input);
    expect((result as { b: unknown[] }).b).not.toBe(input.b);
  });

  it("hands cdktf each token: in a string, a number, a list, a map key, an IResolvable", () => {
    const name = Lazy.stringValue({ produce: () => "made" });
    const count = Token.asNumber(Lazy.numberValue({ produce: () => 7 }));
    const list = Token.asList(Lazy.listValue({ produce: () => ["a", "b"] }));
    const key = Token.asString(Lazy.stringValue({ produce: () => "k" }));
    const input = {
      plain: "p",
      name: `prefix-${name}`,
      count,
      sentence: `${count} tasks`,
      list,
      keyed: { [key]: 1, other: 2 },
      resolvable: { resolve: () => "resolved" },
    };
    const { result, delegated } = resolveCounting(input);
    expect(result).toEqual({ plain: "p", name: "prefix-made", count: 7, sentence: "7 tasks", list: ["a", "b"], keyed: { k: 1, other: 2 }, resolvable: "resolved" });
    expect(result).toEqual(cdktfResolve(input));
    // The string, number and sentence alone; the list, the keyed object and the resolvable whole.
    expect(delegated).toHaveLength(6);
    expect(delegated).toContain(input.keyed);
    expect(delegated).toContain(input.list);
  });

  it("leaves to cdktf what is not plain data: a Date, a class instance, cdktf's map token number", () => {
    const when = new Date(0);
    class Box {
      constructor(readonly inside: string) {}
    }
    const box = new Box("x");
    expect(resolveCounting({ when }).delegated).toEqual([when]);
    expect(resolveCounting({ box }).result).toEqual(cdktfResolve({ box }));
    expect(resolveCounting({ box }).delegated).toEqual([box]);
    expect(() => resolveCounting({ n: Token.NUMBER_MAP_TOKEN_VALUE })).toThrow();
    expect(() => cdktfResolve({ n: Token.NUMBER_MAP_TOKEN_VALUE })).toThrow();
  });

  it("lets cdktf's errors through: a function is not data", () => {
    expect(() => resolveCounting({ f: () => 1 })).toThrow(/function/i);
  });
});

describe("isPlainString", () => {
  it("tells plain text from text holding a token", () => {
    expect(isPlainString("arn:aws:iam::111111111111:role/api-execution")).toBe(true);
    expect(isPlainString("service-e-1")).toBe(true);
    expect(isPlainString("1.5e+3")).toBe(true);
    expect(isPlainString(`${Lazy.stringValue({ produce: () => "x" })}`)).toBe(false);
    expect(isPlainString(`tasks: ${Token.asNumber(Lazy.numberValue({ produce: () => 2 }))}`)).toBe(false);
    expect(isPlainString(Token.STRING_MAP_TOKEN_VALUE)).toBe(false);
  });
});
