import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Page } from '../../components/page';
import { EmptyState, QueryView } from '../../components/states';
import { api, call } from '../../lib/api/client';

export const coursesKey = ['courses'] as const;

/** The home page: every active course, with what it holds. */
export default function CataloguePage() {
  const courses = useQuery({ queryKey: coursesKey, queryFn: () => call(api.GET('/api/courses')) });
  return (
    <Page title="Courses" intro="Past exams, classified by topic and pattern: see what comes up, then practise it.">
      <QueryView query={courses} label="Loading courses">
        {({ courses: list }) =>
          list.length === 0 ? (
            <EmptyState>No courses yet. An administrator adds them with `pathwise import`.</EmptyState>
          ) : (
            <ul className="grid plain-list">
              {list.map((course) => (
                <li key={course.id} className="card stack">
                  <h2>
                    <Link to={`/courses/${encodeURIComponent(course.id)}`}>{course.name}</Link>
                  </h2>
                  {course.description ? <p className="muted">{course.description}</p> : null}
                  <dl className="stats">
                    <div>
                      <dt>Exams</dt>
                      <dd>{course.examCount}</dd>
                    </div>
                    <div>
                      <dt>Topics</dt>
                      <dd>{course.topicCount}</dd>
                    </div>
                    <div>
                      <dt>Questions</dt>
                      <dd>{course.questionCount}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Page>
  );
}
