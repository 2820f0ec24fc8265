import { Link } from 'react-router';
import { Page } from '../../components/page';
import { ExamList } from './exam-list';

/** Every practice midterm and final the student has generated, newest first. */
export default function MyExamsPage() {
  return (
    <Page title="My exams" intro="Practice midterms and finals: carry on one in progress, or look back at how you did.">
      <ExamList
        empty={
          <>
            No exams yet. Open a <Link to="/">course</Link> and choose “Practice midterm” to generate one.
          </>
        }
      />
    </Page>
  );
}
