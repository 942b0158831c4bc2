/**
 * The xxgk command line: parse the arguments, run the command, turn every way out into an exit code.
 * A user's mistake gives one Chinese line and exit 2, never a stack trace (XXGK_DEBUG=1 shows stacks of
 * internal errors). Exit codes: docs/cli.md.
 */
import { readFileSync } from 'node:fs';
import { Command, type CommanderError } from 'commander';
import { checkCommand } from './check.ts';
import { coverageCommand } from './coverage.ts';
import { CleanExit, debugging, EXIT, fromCommander, UsageError, usageLine } from './errors.ts';
import { exportCommand } from './export.ts';
import { ingestCommand } from './ingest.ts';
import { parseCommand } from './parse.ts';
import { reparseCommand } from './reparse.ts';
import { samplesCommand } from './samples.ts';
import { totalsCommand } from './totals.ts';
import { serveCommand } from './serve.ts';
import { unitsCommand } from './units.ts';
import { usersCommand } from './users.ts';

const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法 (Usage):',
  'Options:': '选项 (Options):',
  'Commands:': '命令 (Commands):',
  'Arguments:': '参数 (Arguments):',
  'Global Options:': '全局选项 (Global Options):',
};

/** Columns a string takes in a terminal: CJK characters and full-width punctuation take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  }
  return width;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Chinese help titles, help flag and error handling, the same on the program and every command. */
function setUp(cmd: Command, path: string): Command {
  for (const sub of cmd.commands) setUp(sub, `${path} ${sub.name()}`);
  return cmd
    .helpOption('-h, --help', '显示帮助 (show help)')
    .configureHelp({ styleTitle: (title: string) => HELP_TITLES[title] ?? title, displayWidth })
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError(true)
    .exitOverride((err: CommanderError) => {
      throw fromCommander(err, path);
    });
}

function program(): Command {
  const prog = setUp(new Command('xxgk'), 'xxgk')
    .description(
      '读取并检查政府信息公开工作年度报告 (read and check government information disclosure annual reports)',
    )
    .version(version(), '-V, --version', '显示版本号 (show the version)')
    .helpCommand('help [command]', '显示某个命令的帮助 (show help for a command)')
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk parse 报告.txt
  xxgk check 年报目录/ --format html --out 体检结果.html

详见 docs/cli.md (see docs/cli.md)`,
    );
  for (const [name, make] of [
    ['parse', parseCommand],
    ['check', checkCommand],
    ['ingest', ingestCommand],
    ['reparse', reparseCommand],
    ['units', unitsCommand],
    ['coverage', coverageCommand],
    ['totals', totalsCommand],
    ['export', exportCommand],
    ['serve', serveCommand],
    ['samples', samplesCommand],
    ['users', usersCommand],
  ] as const) {
    prog.addCommand(setUp(make(), `xxgk ${name}`));
  }
  return prog;
}

function internalError(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`xxgk: 内部错误：${msg} (internal error; set XXGK_DEBUG=1 for details)\n`);
  if (debugging() && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  process.exitCode = EXIT.usage;
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CleanExit) process.exitCode = e.exitCode;
    else if (e instanceof UsageError) {
      process.stderr.write(`${usageLine(e)}\n`);
      process.exitCode = EXIT.usage;
    } else internalError(e);
  }
}

// A reader piping into `head` closes stdout early: stop quietly rather than crash on EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  internalError(e);
});
process.on('unhandledRejection', internalError);
process.on('uncaughtException', internalError);

await main(process.argv.slice(2));
