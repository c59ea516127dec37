import { Navigate, useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { AuthForm } from './auth-form';
import { AuthLayout } from './auth-layout';
import { resetAfterAuthChange, useAuthStatus } from './use-auth';

export default function SetupPage() {
  const navigate = useNavigate();
  const { data } = useAuthStatus();
  if (data && !data.setupRequired) return <Navigate to={data.user ? '/' : '/login'} replace />;
  return (
    <AuthLayout
      title="Create the owner account"
      subtitle="Welcome to Tend. This first account owns this server: it keeps your network and can invite others later."
    >
      <AuthForm
        submitLabel="Create account"
        withName
        newPassword
        onSubmit={async (v) => {
          await api.setup({
            body: {
              email: v.email.trim(),
              password: v.password,
              ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
            },
          });
          await resetAfterAuthChange();
          navigate('/', { replace: true });
        }}
      />
    </AuthLayout>
  );
}
