import { Page } from '../../components/page';
import { AuthForm } from './auth-form';

export default function LoginPage() {
  return (
    <Page title="Log in">
      <AuthForm mode="login" />
    </Page>
  );
}
