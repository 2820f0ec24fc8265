import { type ComponentType, lazy } from 'react';
import { Route, Routes } from 'react-router';
import CataloguePage from '../features/catalogue/catalogue-page';
import { Layout } from './layout';
import { RequireSession } from './require-session';

// The home page is in the first load; every other page is its own chunk, fetched when first visited.
const LoginPage = lazy(() => import('../features/auth/login-page'));
const SignupPage = lazy(() => import('../features/auth/signup-page'));
const NotFoundPage = lazy(() => import('./not-found-page'));
const CoursePage = lazy(() => import('../features/course/course-page'));
const QuestionBankPage = lazy(() => import('../features/questions/question-bank-page'));
const QuestionPage = lazy(() => import('../features/questions/question-page'));
const PracticePage = lazy(() => import('../features/practice/practice-page'));
const CreditsPage = lazy(() => import('../features/credits/credits-page'));
const BillingSuccessPage = lazy(() => import('../features/credits/billing-success-page'));
const BillingCancelPage = lazy(() => import('../features/credits/billing-cancel-page'));
const CoachHomePage = lazy(() => import('../features/coach/coach-home-page'));
const CoachProfilePage = lazy(() => import('../features/coach/profile-page'));
const CoachProjectsPage = lazy(() => import('../features/coach/projects-page'));
const CoachProjectPage = lazy(() => import('../features/coach/project-page'));
const CoachChatPage = lazy(() => import('../features/coach/chat-page'));

/** The coach's pages are all the creator's own: each asks for a session. */
const coachRoutes: Array<[string, ComponentType]> = [
  ['coach', CoachHomePage],
  ['coach/profile', CoachProfilePage],
  ['coach/projects', CoachProjectsPage],
  ['coach/projects/:projectId', CoachProjectPage],
  ['coach/projects/:projectId/chat', CoachChatPage],
];

/** Every page is a URL: a course, a question and an exam can be shared as links. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<CataloguePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="courses/:courseId" element={<CoursePage />} />
        <Route path="courses/:courseId/questions" element={<QuestionBankPage />} />
        <Route
          path="courses/:courseId/practice"
          element={
            <RequireSession>
              <PracticePage />
            </RequireSession>
          }
        />
        <Route path="questions/:questionId" element={<QuestionPage />} />
        <Route
          path="credits"
          element={
            <RequireSession>
              <CreditsPage />
            </RequireSession>
          }
        />
        <Route
          path="billing/success"
          element={
            <RequireSession>
              <BillingSuccessPage />
            </RequireSession>
          }
        />
        <Route path="billing/cancel" element={<BillingCancelPage />} />
        {coachRoutes.map(([path, CoachPage]) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireSession>
                <CoachPage />
              </RequireSession>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
