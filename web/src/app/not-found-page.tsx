import { Link } from 'react-router';
import { Page } from '../components/page';

export default function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is nothing at this address. <Link to="/">See the courses</Link>.
      </p>
    </Page>
  );
}
