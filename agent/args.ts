/**
 * Activation codes and secrets are base64url and may start with '-', which parseArgs would take
 * for an option ("--code -Xy..." is ambiguous to it); joining value options to their value as
 * "--code=-Xy..." keeps such values intact.
 */
export function joinOptionValues(args: string[], valueOptions: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    const value = args[index + 1];
    if (valueOptions.includes(arg) && value !== undefined) {
      joined.push(`${arg}=${value}`);
      index += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}
