import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import CataloguePage from '../features/catalogue/catalogue-page';
import { Layout } from './layout';

// The home page is in the first load; every other page is its own chunk, fetched when first visited.
const LoginPage = lazy(() => import('../features/auth/login-page'));
const SignupPage = lazy(() => import('../features/auth/signup-page'));
const NotFoundPage = lazy(() => import('./not-found-page'));

/** Every page is a URL: a course, a question and an exam can be shared as links. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<CataloguePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
