import type { Editor } from '../services/rail-curation';

/** The signed-in administrator, as koa's state carries it on the admin API. */
export interface AdminUser {
  id?: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/** The signed-in administrator as the admin names users: user name, else full name, else email. */
export function editorOf(user: AdminUser | undefined): Editor {
  const fullName = [user?.firstname, user?.lastname].filter(Boolean).join(' ');
  return { id: user?.id ?? null, name: user?.username || fullName || user?.email || 'unknown' };
}
