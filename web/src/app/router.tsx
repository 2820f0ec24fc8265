import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { Route, Routes } from 'react-router';
import CataloguePage from '../features/catalogue/catalogue-page';
import { Layout } from './layout';
import { RequireSession } from './require-session';

type Page = LazyExoticComponent<ComponentType>;
interface AppRoute {
  path: string;
  page: Page;
  /** Pages that need a signed-in user send a visitor to log in and back. */
  session?: boolean;
}

// The home page is in the first load; every other page is its own chunk, fetched when first visited.
// One line per page, grouped by product, so that adding a page is adding a line.
const routes: AppRoute[] = [
  { path: 'login', page: lazy(() => import('../features/auth/login-page')) },
  { path: 'signup', page: lazy(() => import('../features/auth/signup-page')) },
  { path: 'forgot-password', page: lazy(() => import('../features/auth/forgot-password-page')) },
  { path: 'reset-password', page: lazy(() => import('../features/auth/reset-password-page')) },
  { path: 'account', page: lazy(() => import('../features/account/account-page')), session: true },
  { path: 'account/deleted', page: lazy(() => import('../features/account/account-deleted-page')) },
  // Exam Prep
  { path: 'courses/:courseId', page: lazy(() => import('../features/course/course-page')) },
  { path: 'courses/:courseId/questions', page: lazy(() => import('../features/questions/question-bank-page')) },
  {
    path: 'courses/:courseId/practice',
    page: lazy(() => import('../features/practice/practice-page')),
    session: true,
  },
  {
    path: 'courses/:courseId/midterm',
    page: lazy(() => import('../features/midterm/generate-page')),
    session: true,
  },
  {
    path: 'courses/:courseId/weak-topics',
    page: lazy(() => import('../features/assessment/weak-topics-page')),
    session: true,
  },
  { path: 'courses/:courseId/review', page: lazy(() => import('../features/assessment/review-page')), session: true },
  { path: 'questions/:questionId', page: lazy(() => import('../features/questions/question-page')) },
  { path: 'exams', page: lazy(() => import('../features/midterm/my-exams-page')), session: true },
  { path: 'exams/:examId', page: lazy(() => import('../features/midterm/exam-page')), session: true },
  { path: 'me/courses', page: lazy(() => import('../features/me/my-courses-page')), session: true },
  { path: 'me/attempts', page: lazy(() => import('../features/me/attempt-history-page')), session: true },
  // Credits
  { path: 'credits', page: lazy(() => import('../features/credits/credits-page')), session: true },
  { path: 'billing/success', page: lazy(() => import('../features/credits/billing-success-page')), session: true },
  { path: 'billing/cancel', page: lazy(() => import('../features/credits/billing-cancel-page')) },
  // Creator Coach
  { path: 'coach', page: lazy(() => import('../features/coach/coach-home-page')), session: true },
  { path: 'coach/profile', page: lazy(() => import('../features/coach/profile-page')), session: true },
  { path: 'coach/projects', page: lazy(() => import('../features/coach/projects-page')), session: true },
  { path: 'coach/projects/:projectId', page: lazy(() => import('../features/coach/project-page')), session: true },
  { path: 'coach/projects/:projectId/chat', page: lazy(() => import('../features/coach/chat-page')), session: true },
  {
    path: 'coach/projects/:projectId/deliverables',
    page: lazy(() => import('../features/coach/deliverables/deliverables-page')),
    session: true,
  },
  {
    path: 'coach/projects/:projectId/deliverables/:taskId',
    page: lazy(() => import('../features/coach/deliverables/deliverable-page')),
    session: true,
  },
  // Operators
  { path: 'admin/usage', page: lazy(() => import('../features/admin/usage-page')), session: true },
];

const NotFoundPage = lazy(() => import('./not-found-page'));

/** Every page is a URL: a course, a question and an exam can be shared as links. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<CataloguePage />} />
        {routes.map(({ path, page: Page, session }) => (
          <Route
            key={path}
            path={path}
            element={
              session ? (
                <RequireSession>
                  <Page />
                </RequireSession>
              ) : (
                <Page />
              )
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
