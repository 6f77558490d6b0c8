// Who is signed in: GET /api/me is the single source; a 401 anywhere drops the cached user and the
// guards send the reader to /login.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@contracts/auth';
import type { PermissionCode, Scope } from '@contracts/roles';
import { api, ApiError, setUnauthorizedHandler } from './api';
import { i18n, setLanguage } from './i18n';

export const ME_KEY = ['me'] as const;

type AuthState = {
  me: Me | null;
  loading: boolean;
  /** Set when the session probe failed for a reason other than 401 (server down): not "signed out". */
  error: unknown;
  /** True after an explicit sign-out: the next user at this desk should not land on the last page. */
  signedOut: boolean;
  /** The data scope of a permission, or undefined when the user does not hold it. */
  scopeOf: (permission: PermissionCode) => Scope | undefined;
  can: (permission: PermissionCode) => boolean;
  refresh: () => Promise<void>;
  logout: (everywhere?: boolean) => Promise<void>;
};

const AuthContext = createContext<AuthState | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
  const me = query.data ?? null;
  const [signedOut, setSignedOut] = useState(false);
  const userId = me?.userId;
  // Cleared by the next sign-in only (not while the signing-out user is still cached).
  useEffect(() => {
    if (userId !== undefined) setSignedOut(false);
  }, [userId]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      qc.setQueryData(ME_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [qc]);

  // The account's saved language wins over this browser's, so a user sees their language on any PC.
  useEffect(() => {
    if (me && me.locale !== i18n.language) setLanguage(me.locale);
  }, [me]);

  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: ME_KEY });
    await qc.refetchQueries({ queryKey: ME_KEY });
  }, [qc]);

  const logout = useCallback(
    async (everywhere = false) => {
      setSignedOut(true);
      try {
        await api(everywhere ? '/api/auth/logout-all' : '/api/auth/logout', { method: 'POST', body: {} });
      } finally {
        // Nothing of the previous user may linger in the cache for the next one at this desk. The
        // session query itself stays (set to null) so the mounted observer sees the sign-out.
        qc.setQueryData(ME_KEY, null);
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      }
    },
    [qc],
  );

  const value = useMemo<AuthState>(() => {
    const scopeOf = (p: PermissionCode) => me?.permissions[p];
    return {
      me,
      loading: query.isPending,
      error: query.error,
      signedOut,
      scopeOf,
      can: (p) => scopeOf(p) !== undefined,
      refresh,
      logout,
    };
  }, [me, query.isPending, query.error, signedOut, refresh, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** For pages under the guard: the user is known to be signed in there. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
