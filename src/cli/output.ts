/** Where a command's output goes: stdout, or the file named by `--out`. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { UsageError } from './errors.ts';

export interface Output {
  write(text: string): void;
  /** True when the output is a terminal (colours are allowed there). */
  readonly isTTY: boolean;
  close(): Promise<void>;
}

const stdout: Output = {
  write: (text) => void process.stdout.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  close: async () => {},
};

/** Opens `--out` before any work is done, so a bad path fails at once. */
export async function openOutput(path: string | undefined, command: string): Promise<Output> {
  if (path === undefined) return stdout;
  try {
    const stream = createWriteStream(path, { flags: 'w', encoding: 'utf8' });
    await once(stream, 'open');
    return {
      write: (text) => void stream.write(text),
      isTTY: false,
      close: () =>
        new Promise<void>((done, fail) => {
          stream.once('error', fail);
          stream.end(done);
        }),
    };
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new UsageError(
      `无法写入输出文件 ${path}（${reason}）`,
      `cannot write output file ${path} (${reason})`,
      command,
    );
  }
}

/** Colours only on a terminal and only when NO_COLOR (https://no-color.org) is unset or empty. */
export function useColor(out: Output): boolean {
  return out.isTTY && !process.env.NO_COLOR;
}
