import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuthStatus, useSignedOutListener } from './use-auth';

/** Everything but the sign-in pages sits behind this: no account yet → set-up; no session → sign in. */
export function AuthGate({ children }: { children: ReactNode }) {
  const { data, isPending, isError } = useAuthStatus();
  const location = useLocation();
  useSignedOutListener();
  if (isPending) {
    return (
      <Center h="100dvh" aria-busy="true">
        <Loader color="sage" type="dots" />
      </Center>
    );
  }
  if (isError || !data) return <Navigate to="/login" replace />;
  if (data.setupRequired) return <Navigate to="/setup" replace />;
  if (!data.user) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
