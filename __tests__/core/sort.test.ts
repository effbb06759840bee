import { byCodePoint } from "../../core/sort";
import { configToHcl } from "../../stacks/hcl/write";

// U+1F600 is stored as the surrogate pair D83D DE00: by code units it sorts before U+FFFD (FFFD),
// by code points after it (1F600 > FFFD). Output must not depend on the representation.
const GRINNING = "\u{1F600}";
const REPLACEMENT = "\uFFFD";

describe("byCodePoint", () => {
  test("orders an astral character after the last BMP characters, as its code point says", () => {
    expect(byCodePoint(GRINNING, REPLACEMENT)).toBeGreaterThan(0);
    expect(byCodePoint(REPLACEMENT, GRINNING)).toBeLessThan(0);
    expect([GRINNING, "b", REPLACEMENT, "a"].sort(byCodePoint)).toEqual(["a", "b", REPLACEMENT, GRINNING]);
  });

  test("equal strings compare 0; a prefix sorts first", () => {
    expect(byCodePoint("app", "app")).toBe(0);
    expect(["apple", "app", ""].sort(byCodePoint)).toEqual(["", "app", "apple"]);
  });
});

describe("the HCL writer sorts keys by code point", () => {
  test("a local named by an astral character follows one named by U+FFFD", () => {
    const hcl = configToHcl({ locals: { [GRINNING]: "x", [REPLACEMENT]: "y", a: "z" } }, new Map());
    expect(hcl).toBe(`locals {\n  a  = "z"\n  ${REPLACEMENT}  = "y"\n  ${GRINNING} = "x"\n}\n`);
  });
});
