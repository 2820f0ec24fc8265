import { Link } from 'react-router';
import { Page } from '../../components/page';

export default function BillingCancelPage() {
  return (
    <Page title="Payment cancelled">
      <div className="card stack">
        <p>Nothing was charged, and your balance is as it was.</p>
        <div className="row">
          <Link to="/credits" className="button">
            Back to credits
          </Link>
          <Link to="/">Your courses</Link>
        </div>
      </div>
    </Page>
  );
}
