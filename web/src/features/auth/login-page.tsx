import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../lib/api';
import { AuthForm } from './auth-form';
import { AuthLayout } from './auth-layout';
import { resetAfterAuthChange, useAuthStatus } from './use-auth';

/** Only same-site paths are followed after sign-in, never another origin. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data } = useAuthStatus();
  const next = safeNext(params.get('next'));
  if (data?.setupRequired) return <Navigate to="/setup" replace />;
  if (data?.user) return <Navigate to={next} replace />;
  return (
    <AuthLayout
      title="Sign in"
      subtitle="Pick up where you left off with the people who matter."
      footer={
        data?.signup === 'open'
          ? 'New here? Ask for an invitation, or sign up from an invitation link.'
          : 'No account? Ask the owner of this server for an invitation link.'
      }
    >
      <AuthForm
        submitLabel="Sign in"
        onSubmit={async (v) => {
          await api.login({ body: { email: v.email.trim(), password: v.password } });
          await resetAfterAuthChange();
          navigate(next, { replace: true });
        }}
      />
    </AuthLayout>
  );
}
