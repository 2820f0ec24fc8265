import { lazy } from 'react';
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
const GenerateExamPage = lazy(() => import('../features/midterm/generate-page'));
const MyExamsPage = lazy(() => import('../features/midterm/my-exams-page'));
const ExamPage = lazy(() => import('../features/midterm/exam-page'));
const WeakTopicsPage = lazy(() => import('../features/assessment/weak-topics-page'));
const ReviewPage = lazy(() => import('../features/assessment/review-page'));
const MyCoursesPage = lazy(() => import('../features/me/my-courses-page'));
const AttemptHistoryPage = lazy(() => import('../features/me/attempt-history-page'));

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
        <Route
          path="courses/:courseId/midterm"
          element={
            <RequireSession>
              <GenerateExamPage />
            </RequireSession>
          }
        />
        <Route
          path="exams"
          element={
            <RequireSession>
              <MyExamsPage />
            </RequireSession>
          }
        />
        <Route
          path="exams/:examId"
          element={
            <RequireSession>
              <ExamPage />
            </RequireSession>
          }
        />
        <Route
          path="courses/:courseId/weak-topics"
          element={
            <RequireSession>
              <WeakTopicsPage />
            </RequireSession>
          }
        />
        <Route
          path="me/courses"
          element={
            <RequireSession>
              <MyCoursesPage />
            </RequireSession>
          }
        />
        <Route
          path="me/attempts"
          element={
            <RequireSession>
              <AttemptHistoryPage />
            </RequireSession>
          }
        />
        <Route
          path="courses/:courseId/review"
          element={
            <RequireSession>
              <ReviewPage />
            </RequireSession>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
