import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, call } from '../../lib/api/client';
import { setSessionToken } from '../../lib/api/session';

/** Ends this session on the server and forgets it here, then shows the log-in page. */
export function useLogout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/auth/logout')),
    onSettled: () => {
      // Logged out here whatever the server said: the token is forgotten either way. Leaving first, so a page that
      // needs a session does not send the student to log in and back to it.
      navigate('/login');
      setSessionToken(null);
      queryClient.clear();
    },
  });
}
