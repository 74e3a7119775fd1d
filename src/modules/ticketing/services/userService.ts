// People of the directory: active users, optionally of some roles (assignment pickers, notification lists).
import { listActiveUsers, type DirectoryUser } from '../db/userDirectoryRepo';
import type { ServiceContext } from './context';

export function listUsers(ctx: ServiceContext, roles?: string[]): Promise<DirectoryUser[]> {
  return listActiveUsers(ctx.db, roles);
}
