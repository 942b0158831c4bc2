/**
 * `xxgk users add|list|passwd`: accounts of the web app from the command line (the first administrator
 * can also be made on the app's first page). Passwords are read from stdin — typed without echo at a
 * terminal, or piped — never from an argument, where they would end up in shell history.
 */
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { Role } from '../store/index.ts';
import { DB_FLAGS, DB_HELP, withStore } from './database.ts';
import { EXIT, UsageError } from './errors.ts';

const ROLES = ['admin', 'reviewer', 'viewer'] as const;

async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
  }
  const rl = createInterface({ input, output: process.stderr, terminal: true });
  const silent = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write(prompt);
  silent._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

async function newPassword(): Promise<string> {
  const first = await readPassword('密码 (password): ');
  if (!process.stdin.isTTY) return first;
  const again = await readPassword('再输一次 (again): ');
  if (first !== again) throw new UsageError('两次输入的密码不一致', 'the passwords differ', 'xxgk users');
  return first;
}

interface AddOptions {
  db?: string;
  role: string;
  name?: string;
  scope?: string;
}

function addCommand(): Command {
  return new Command('add')
    .description('添加用户，密码从标准输入读取 (add a user; the password is read from stdin)')
    .argument('<LOGIN>', '用户名 (login name)')
    .option('--role <ROLE>', '角色 admin|reviewer|viewer (role)', 'reviewer')
    .option('--name <NAME>', '显示名称 (display name)')
    .option(
      '--scope <BODY_ID>',
      '数据范围：只能看这个单位及其下级 (data scope: this body and those under it)',
    )
    .option(DB_FLAGS, DB_HELP)
    .action(async (login: string, options: AddOptions) => {
      if (!(ROLES as readonly string[]).includes(options.role))
        throw new UsageError(
          `角色应为 ${ROLES.join('、')}`,
          `role must be one of ${ROLES.join(', ')}`,
          'xxgk users add',
        );
      const password = await newPassword();
      process.exitCode = await withStore(options.db, {}, async (store) => {
        const { createUser } = await import('../web/auth/users.ts');
        const made = await createUser(store, {
          login,
          displayName: options.name ?? login,
          password,
          role: options.role as Role,
          scopeBodyId: options.scope ?? null,
        });
        if ('problem' in made) {
          process.stderr.write(`xxgk: ${made.problem}\n`);
          return EXIT.usage;
        }
        await store.audit({
          userId: null,
          action: 'user.add',
          target: made.login,
          detail: { role: made.role, via: 'cli' },
        });
        process.stdout.write(`已添加用户 ${made.login}（${made.role}）(added user ${made.login})\n`);
        return EXIT.ok;
      });
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('列出用户 (list users)')
    .option('--json', '以 JSON 输出 (print JSON)')
    .option(DB_FLAGS, DB_HELP)
    .action(async (options: { db?: string; json?: boolean }) => {
      process.exitCode = await withStore(options.db, { readOnly: true }, async (store) => {
        const users = await store.listUsers();
        if (options.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        else
          for (const u of users)
            process.stdout.write(`${u.login}\t${u.role}\t${u.scopeBodyId ?? '*'}\t${u.displayName}\n`);
        return EXIT.ok;
      });
    });
}

function passwdCommand(): Command {
  return new Command('passwd')
    .description("重设用户密码并使其已登录的会话失效 (reset a password; ends the user's sessions)")
    .argument('<LOGIN>', '用户名 (login name)')
    .option(DB_FLAGS, DB_HELP)
    .action(async (login: string, options: { db?: string }) => {
      const password = await newPassword();
      process.exitCode = await withStore(options.db, {}, async (store) => {
        const { hashPassword, passwordProblem } = await import('../web/auth/password.ts');
        const found = await store.credentials(login);
        if (!found) {
          process.stderr.write(`xxgk: 没有用户 ${login} (no user ${login})\n`);
          return EXIT.usage;
        }
        const weak = passwordProblem(password);
        if (weak) {
          process.stderr.write(`xxgk: ${weak}\n`);
          return EXIT.usage;
        }
        await store.setPassword(found.user.id, await hashPassword(password));
        await store.audit({ userId: null, action: 'user.passwd', target: login, detail: { via: 'cli' } });
        process.stdout.write(`已重设 ${login} 的密码 (password reset)\n`);
        return EXIT.ok;
      });
    });
}

export function usersCommand(): Command {
  return new Command('users')
    .description("管理网页版的用户 (manage the web app's users)")
    .addCommand(addCommand())
    .addCommand(listCommand())
    .addCommand(passwdCommand())
    .addHelpText(
      'after',
      `
示例 (examples):
  xxgk users add admin --role admin            （在终端输入密码 / type the password）
  echo "$PASSWORD" | xxgk users add li --role reviewer --scope 230109`,
    );
}
