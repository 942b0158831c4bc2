/** For page handlers: the signed-in viewer, having at least `role`. Sign-in itself is enforced in app.tsx. */
import type { Role } from '../../store/index.ts';
import { hasRole, type AppContext, type Viewer } from '../context.ts';

export function viewerWith(c: AppContext, role: Role): Viewer | null {
  const viewer = c.get('viewer');
  return viewer && hasRole(viewer.user, role) ? viewer : null;
}
