// Argument parsing for `kodbok export` and `kodbok frequencies`: `--name value` or
// `--name=value`, each option at most once, no positional arguments. An option that takes
// several values (`--input a.csv b.csv`) takes every following argument up to the next `--…`.

import { UsageError } from './io';

export interface OptionSpec {
  readonly names: readonly string[];
  /** Options that take one or more values. */
  readonly many?: readonly string[];
  /** Options whose value may be empty (`--split=`: do not split). */
  readonly empty?: readonly string[];
  readonly command: string;
  readonly usage: string;
}

export type ParsedOptions = Map<string, string[]>;

export function commandError(
  spec: Pick<OptionSpec, 'command' | 'usage'>,
  message: string,
): UsageError {
  return new UsageError(`${spec.command}: ${message}; usage: ${spec.usage}`);
}

export function parseOptions(argv: readonly string[], spec: OptionSpec): ParsedOptions {
  const values: ParsedOptions = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!spec.names.includes(name)) {
      throw commandError(
        spec,
        arg.startsWith('-')
          ? `unknown option ${name}`
          : `unexpected argument ${JSON.stringify(arg)}`,
      );
    }
    if (values.has(name)) throw commandError(spec, `${name} is given twice`);
    const given: string[] = [];
    if (name !== arg) given.push(arg.slice(eq + 1));
    else if (spec.many?.includes(name)) {
      while (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--'))
        given.push(argv[++i] as string);
    } else if (i + 1 < argv.length) given.push(argv[++i] as string);
    if (given.length === 0 || (!spec.empty?.includes(name) && given.some((v) => v === '')))
      throw commandError(spec, `${name} needs a value`);
    values.set(name, given);
  }
  return values;
}

/** The option's single value, or undefined. */
export function option(values: ParsedOptions, name: string): string | undefined {
  return values.get(name)?.[0];
}

/** One of `allowed`, or a usage error naming them. */
export function choice<T extends string>(
  spec: Pick<OptionSpec, 'command' | 'usage'>,
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw commandError(spec, `${name} is missing (one of ${allowed.join(', ')})`);
  }
  if (!(allowed as readonly string[]).includes(value))
    throw commandError(
      spec,
      `${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`,
    );
  return value as T;
}
