/** Command-line arguments of platform-plan: flags, and the error that exits with status 2. */

export class UsageError extends Error {}

export function parseFlags(args: string[], known: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]!);
    if (!match || !known.includes(match[1]!)) {
      throw new UsageError(
        `unknown argument ${args[i]}; known flags: ${known.map((k) => `--${k} <value>`).join(", ")}`,
      );
    }
    const value = match[2] ?? args[++i];
    if (value === undefined || value.startsWith("--"))
      throw new UsageError(`--${match[1]} needs a value`);
    out[match[1]!] = value;
  }
  return out;
}
