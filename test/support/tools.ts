/**
 * Tests that need LibreOffice or tesseract: skipped locally when the tool is missing, but failing in CI
 * (`CI` set), where .ci/run installs them — a missing tool there must not pass silently.
 */
import { spawnSync } from 'node:child_process';

const probe = (command: string, args: string[], expect?: RegExp): boolean => {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  return run.status === 0 && (!expect || expect.test(`${run.stdout}${run.stderr}`));
};

export const TOOLS = {
  libreoffice: { package: 'libreoffice-writer-nogui', available: () => probe('soffice', ['--version']) },
  tesseract: {
    package: 'tesseract-ocr tesseract-ocr-chi-sim poppler-utils',
    available: () => probe('tesseract', ['--list-langs'], /^chi_sim$/m) && probe('pdftoppm', ['-v']),
  },
} as const;

export interface Needs {
  /** node:test options: skip only outside CI. */
  options: { skip?: string };
  /** Call first in the test body: fails when the tool is missing (which only happens in CI). */
  check(): void;
}

export function needs(tool: keyof typeof TOOLS): Needs {
  const { package: pkg, available } = TOOLS[tool];
  const ok = available();
  return {
    options: ok || process.env.CI ? {} : { skip: `${tool} not installed (apt-get install ${pkg})` },
    check() {
      if (!ok) throw new Error(`${tool} is not installed; CI must install ${pkg}`);
    },
  };
}
