/** The errors the CLI turns into one line on stderr and an exit code, never a stack trace. */
import type { CommanderError } from 'commander';

export const EXIT = {
  /** Every report read, no finding of severity error. */
  ok: 0,
  /** An error finding, or some inputs could not be read while others could. */
  problems: 1,
  /** A usage mistake, nothing usable to work on, or an internal error. */
  usage: 2,
} as const;

/** XXGK_DEBUG=1: print the stack of internal errors (never of a user's mistake). */
export function debugging(): boolean {
  return Boolean(process.env.XXGK_DEBUG) && process.env.XXGK_DEBUG !== '0';
}

/** A mistake in how the command was called: one Chinese line (English in parentheses), exit 2. */
export class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    /** The command whose `--help` the message points to, e.g. `xxgk check`. */
    readonly command = 'xxgk',
  ) {
    super(`${zh} (${en})`);
    this.name = 'UsageError';
  }
}

/** Help or version was printed: exit with this code, nothing more to say. */
export class CleanExit extends Error {
  constructor(readonly exitCode: number) {
    super('exit');
    this.name = 'CleanExit';
  }
}

function quoted(message: string): string {
  return /'([^']*)'/.exec(message)?.[1] ?? '';
}

function suggestion(message: string): string {
  const m = /Did you mean (?:one of )?([^?]+)\?/.exec(message);
  return m ? `，是否想用 ${m[1]!.trim()}？` : '';
}

/** Commander's English errors, in Chinese. */
export function fromCommander(err: CommanderError, command: string): CleanExit | UsageError {
  switch (err.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return new CleanExit(0);
    case 'commander.help':
      // Commander printed the help because no command was given: that is a usage mistake.
      return new CleanExit(EXIT.usage);
    case 'commander.unknownOption':
      return new UsageError(
        `未知选项 ${quoted(err.message)}${suggestion(err.message)}`,
        `unknown option ${quoted(err.message)}`,
        command,
      );
    case 'commander.unknownCommand':
      return new UsageError(
        `未知命令 ${quoted(err.message)}${suggestion(err.message)}`,
        `unknown command ${quoted(err.message)}`,
        command,
      );
    case 'commander.missingArgument':
      return new UsageError('缺少要处理的文件或目录', `missing argument ${quoted(err.message)}`, command);
    case 'commander.optionMissingArgument':
      return new UsageError(
        `选项 ${quoted(err.message)} 缺少取值`,
        `option ${quoted(err.message)} needs a value`,
        command,
      );
    case 'commander.excessArguments':
      return new UsageError('参数过多', 'too many arguments', command);
    default:
      return new UsageError('命令用法有误', err.message.replace(/^error:\s*/, ''), command);
  }
}

/** The one line printed for a usage mistake. */
export function usageLine(e: UsageError): string {
  return `xxgk: ${e.zh} (${e.en})。用法见 ${e.command} --help`;
}
