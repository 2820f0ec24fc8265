import { Page } from '../../components/page';
import { AuthForm } from './auth-form';

export default function SignupPage() {
  return (
    <Page title="Create your account" intro="Free to start: practise past-exam questions and track your mastery.">
      <AuthForm mode="signup" />
    </Page>
  );
}
