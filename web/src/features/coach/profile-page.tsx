import { Link } from 'react-router';
import { Page } from '../../components/page';
import { QueryView } from '../../components/states';
import { useActiveProject, useProfile } from './coach-api';
import { ProfileForm } from './profile-form';
import './coach.css';

/** /coach/profile: the creator's profile, changed with PATCH (a plan already made keeps its numbers). */
export default function ProfilePage() {
  const profile = useProfile();
  const active = useActiveProject();
  return (
    <Page title="Your creator profile" intro="Your audience and goals: the coach sizes its advice from these.">
      <QueryView query={profile} label="Loading your profile">
        {(current) => (
          <div className="stack">
            <ProfileForm profile={current} />
            <p className="small">
              {active.data ? (
                <Link to={`/coach/projects/${active.data.id}`}>Back to {active.data.title}</Link>
              ) : (
                <Link to="/coach">Back to the coach</Link>
              )}
            </p>
          </div>
        )}
      </QueryView>
    </Page>
  );
}
