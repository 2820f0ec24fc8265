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
const ForgotPasswordPage = lazy(() => import('../features/auth/forgot-password-page'));
const ResetPasswordPage = lazy(() => import('../features/auth/reset-password-page'));
const AccountPage = lazy(() => import('../features/account/account-page'));
const AccountDeletedPage = lazy(() => import('../features/account/account-deleted-page'));

/** Every page is a URL: a course, a question and an exam can be shared as links. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<CataloguePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route
          path="account"
          element={
            <RequireSession>
              <AccountPage />
            </RequireSession>
          }
        />
        <Route path="account/deleted" element={<AccountDeletedPage />} />
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
