/**
 * What every route sees: the store, the server's settings, and the viewer (the logged-in user with the
 * body subtree they may see). Routes are validate → call → present (style.md habit 9).
 */
import type { Context } from 'hono';
import type { Role, Store, User } from '../store/index.ts';
import type { FailureCounter } from './auth/rate-limit.ts';
import type { AnswerCache } from './cache.ts';

export interface WebSettings {
  /** Secure cookies: `auto` sets them for https and for localhost (browsers treat it as secure). */
  cookieSecure: 'auto' | boolean;
  sessionHours: number;
  /** Largest upload accepted per file. */
  maxUploadBytes: number;
  /** Most files in one upload request. */
  maxUploadFiles: number;
  /** Longest a parsing worker may spend on one uploaded file (src/ingest/time-limit.ts). */
  parseSeconds: number;
}

export const DEFAULT_SETTINGS: WebSettings = {
  cookieSecure: 'auto',
  sessionHours: 12,
  maxUploadBytes: 16 * 1024 * 1024,
  maxUploadFiles: 200,
  parseSeconds: 60,
};

export interface WebDeps {
  store: Store;
  settings: WebSettings;
  loginFailures: FailureCounter;
  /** Whole-registry answers kept for a few seconds (cache.ts). */
  answers: AnswerCache;
}

export interface Viewer {
  user: User;
  csrfToken: string;
  tokenHash: string;
  /** Path range of the user's scope; null: every body. */
  range: [string, string] | null;
}

export type AppEnv = { Variables: { deps: WebDeps; viewer: Viewer | null } };
export type AppContext = Context<AppEnv>;

const RANK: Record<Role, number> = { viewer: 0, reviewer: 1, admin: 2 };

export const ROLE_LABEL: Record<Role, string> = { admin: '管理员', reviewer: '审核员', viewer: '查看者' };
export const ROLES = Object.keys(RANK) as Role[];

export function hasRole(user: User, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/** A range no body path falls in: the scope of a user whose scope body no longer exists. */
export const NOTHING: [string, string] = ['\u0000none', '\u0000none'];
