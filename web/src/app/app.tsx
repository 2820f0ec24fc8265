import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { BrowserRouter, useLocation, useNavigate } from 'react-router';
import { createQueryClient, setUnauthorizedHandler } from '../lib/query-client';
import { AppRoutes } from './router';

/** A 401 from any call sends the student to log in, and back here afterwards. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (location.pathname === '/login' || location.pathname === '/signup') return;
      const here = `${location.pathname}${location.search}`;
      navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
  }, [navigate, location]);
  return null;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <UnauthorizedRedirect />
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
