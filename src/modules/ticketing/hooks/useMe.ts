// The logged-in user and their permissions (GET auth-me), with a can() check used to hide screens.
import useSWR from 'swr';
import { useCallback } from 'react';
import type { Envelope } from './api';
import { setDisplayTimeZone } from '../components/format';

export interface Me {
  user: { id: string; email: string; name: string; role: string; phone: string | null };
  permissions: string[];
  /** The business timezone every date on screen is shown in. */
  timeZone?: string;
  /** Upload limits, checked before a file is sent. */
  uploads?: { maxBytes: number; allowedTypes: string[] };
}

export function useMe() {
  const { data, error, isLoading, mutate } = useSWR<Envelope<Me>>('auth-me', { shouldRetryOnError: false });
  const me = data?.data;
  if (me?.timeZone) setDisplayTimeZone(me.timeZone);
  const can = useCallback((permission?: string) => !permission || (me?.permissions.includes(permission) ?? false), [me]);
  return { me, can, error: error as Error | undefined, isLoading, mutate };
}
