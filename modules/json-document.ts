import { Token, type IResolvable, type IResolveContext } from "cdktf";

/**
 * Marks a string the HCL writer (stacks/hcl) renders as `jsonencode(...)`. It never reaches a
 * file: outside `whileRenderingHcl` a JSON document resolves to its plain JSON text.
 */
const HCL_MARK = "\u0000pullguard:json-document\u0000";

let renderingHcl = false;

class JsonDocument implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly document: unknown) {}

  public resolve(context: IResolveContext): string {
    // Resolve first, then serialize: references inside the document (an image tag variable) come
    // out as `${var.x}` inside the JSON text, exactly where Terraform interpolates them.
    const text = JSON.stringify(context.resolve(this.document));
    return renderingHcl ? `${HCL_MARK}${text}` : text;
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/**
 * Every JSON document attribute (IAM policies, container definitions, lifecycle policies, event
 * patterns) goes through here. The JSON output gets the literal JSON text, which reviewers read and
 * tests parse; the HCL output gets `jsonencode({ ... })`, the way Terraform authors write it, with
 * interpolations inside still live. One home, so no document is rendered two ways.
 */
export function jsonDocument(document: unknown): string {
  return Token.asString(new JsonDocument(document));
}

/** Runs `render` with JSON documents resolving to marked text that `parseJsonDocumentMark` recognizes. */
export function whileRenderingHcl<T>(render: () => T): T {
  const previous = renderingHcl;
  renderingHcl = true;
  try {
    return render();
  } finally {
    renderingHcl = previous;
  }
}

/** The document inside a marked string, or undefined for any other string. */
export function parseJsonDocumentMark(value: string): { readonly document: unknown } | undefined {
  if (!value.startsWith(HCL_MARK)) return undefined;
  return { document: JSON.parse(value.slice(HCL_MARK.length)) as unknown };
}
