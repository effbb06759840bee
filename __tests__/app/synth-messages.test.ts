import { environmentLine, EnvironmentFailure, EXIT } from "../../app/synth-messages";

/** Which failures are the machine's (exit 3, one line naming the path) and which are pullguard's. */
function systemError(code: string, syscall: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, ${syscall}`), { code, syscall, ...(path === undefined ? {} : { path }) });
}

describe("environmentLine", () => {
  it("words disk full, read-only and permission errors as one line naming the path", () => {
    expect(environmentLine(systemError("ENOSPC", "write"), "cdktf.out")).toBe("pullguard: cannot write cdktf.out: no space left on device (ENOSPC)");
    expect(environmentLine(systemError("EROFS", "open", "/mnt/ro/.out.lock.12.ab"), "x", () => "/mnt/ro/.out.lock")).toBe("pullguard: cannot write /mnt/ro/.out.lock: read-only file system (EROFS)");
    expect(environmentLine(systemError("EACCES", "mkdir", "/srv/out"), "x")).toBe("pullguard: cannot write /srv/out: permission denied (EACCES)");
    expect(environmentLine(systemError("EDQUOT", "write"), "out")).toBe("pullguard: cannot write out: disk quota exceeded (EDQUOT)");
  });

  it("names a staging path as the output path the user knows", () => {
    const describe = (path: string) => path.replace("/w/.out.new-77", "/w/out");
    expect(environmentLine(systemError("ENOSPC", "open", "/w/.out.new-77/stacks/dev/cdk.tf.json"), "/w/out", describe)).toBe(
      "pullguard: cannot write /w/out/stacks/dev/cdk.tf.json: no space left on device (ENOSPC)",
    );
  });

  it("passes an EnvironmentFailure's own line through", () => {
    expect(environmentLine(new EnvironmentFailure("pullguard: cannot write out: it exists and is not a directory"), "out")).toBe("pullguard: cannot write out: it exists and is not a directory");
  });

  it("leaves everything else to the internal-error path", () => {
    expect(environmentLine(systemError("ENOENT", "open", "/x"), "out")).toBeUndefined();
    expect(environmentLine(new Error("EACCES in a message is not a system error"), "out")).toBeUndefined();
    expect(environmentLine(Object.assign(new Error("no syscall"), { code: "ENOSPC" }), "out")).toBeUndefined();
    expect(environmentLine(undefined, "out")).toBeUndefined();
    expect(environmentLine("ENOSPC", "out")).toBeUndefined();
  });

  it("has four distinct exit codes", () => {
    expect(EXIT).toEqual({ ok: 0, refused: 1, internal: 2, environment: 3 });
  });
});
