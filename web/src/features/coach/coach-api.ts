import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../lib/api/client';
import { isApiError } from '../../lib/api/errors';

export type Profile = Schemas['CreatorProfile'];
export type ProfileInput = Schemas['CreatorProfileInput'];
export type Project = Schemas['Project'];
export type ProjectStatus = Project['status'];
export type ProjectSummary = Schemas['ProjectSummary'];
export type Plan = Schemas['CustomizedPlan'];
export type PlanTask = Plan['phases'][number]['tasks'][number];
export type Progress = Schemas['ProjectProgress'];
export type Decision = Schemas['Decision'];
export type ChatMessage = Schemas['ChatMessage'];
export type Economics = NonNullable<Schemas['EconomicsProjection']>;
export type Opportunity = Schemas['Opportunity'];
export type Allowance = Schemas['MessageAllowance'];

const base = '/api/v1/monetization' as const;

/** Every coach query key starts here, so a change can invalidate exactly what it affects. */
export const coachKeys = {
  all: ['coach'] as const,
  profile: ['coach', 'profile'] as const,
  opportunities: ['coach', 'opportunities'] as const,
  activeProject: ['coach', 'projects', 'active'] as const,
  projects: (status?: ProjectStatus) => ['coach', 'projects', 'list', status ?? 'all'] as const,
  projectLists: ['coach', 'projects', 'list'] as const,
  project: (id: string) => ['coach', 'projects', 'one', id] as const,
  decisions: (id: string, history: boolean) => ['coach', 'projects', 'one', id, 'decisions', history] as const,
  messages: (id: string) => ['coach', 'projects', 'one', id, 'messages'] as const,
  allowance: ['coach', 'allowance'] as const,
};

/** The creator's profile, or null when they have none yet (the API's 404). */
export function useProfile() {
  return useQuery({
    queryKey: coachKeys.profile,
    queryFn: async () => {
      try {
        return (await call(api.GET(`${base}/profile`))).profile;
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
  });
}

/** Creates the profile (POST) or changes it (PATCH: the same fields; the API keeps what is not sent). */
export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, exists }: { input: ProfileInput; exists: boolean }) =>
      exists ? call(api.PATCH(`${base}/profile`, { body: input })) : call(api.POST(`${base}/profile`, { body: input })),
    onSuccess: ({ profile }) => {
      queryClient.setQueryData(coachKeys.profile, profile);
      // The opportunity's members and revenue are computed from the profile.
      void queryClient.invalidateQueries({ queryKey: coachKeys.opportunities });
    },
  });
}

export function useOpportunities(enabled = true) {
  return useQuery({
    queryKey: coachKeys.opportunities,
    queryFn: async () => (await call(api.GET(`${base}/opportunities`))).opportunities,
    enabled,
  });
}

/** The active project, or null when there is none. */
export function useActiveProject() {
  return useQuery({
    queryKey: coachKeys.activeProject,
    queryFn: async () => {
      try {
        return (await call(api.GET(`${base}/projects/active`))).project;
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
  });
}

export function useProjects(status?: ProjectStatus) {
  return useQuery({
    queryKey: coachKeys.projects(status),
    queryFn: async () =>
      (await call(api.GET(`${base}/projects`, { params: { query: status ? { status } : {} } }))).projects,
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (opportunityId: string) => call(api.POST(`${base}/projects`, { body: { opportunityId } })),
    onSuccess: ({ project }) => {
      queryClient.setQueryData(coachKeys.project(project.id), project);
      queryClient.setQueryData(coachKeys.activeProject, project);
      void queryClient.invalidateQueries({ queryKey: coachKeys.projectLists });
    },
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: coachKeys.project(id),
    queryFn: async () => (await call(api.GET(`${base}/projects/{id}`, { params: { path: { id } } }))).project,
  });
}

export function useSetProjectStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: ProjectStatus) =>
      call(api.PATCH(`${base}/projects/{id}`, { params: { path: { id } }, body: { status } })),
    onSuccess: ({ project }) => {
      queryClient.setQueryData(coachKeys.project(id), project);
      void queryClient.invalidateQueries({ queryKey: coachKeys.activeProject });
      void queryClient.invalidateQueries({ queryKey: coachKeys.projectLists });
    },
  });
}

type TaskState = Project['taskStates'][number];

/** One task's state in the cached project: `next` replaces it, or removes it when null. */
const withTaskState = (project: Project, taskId: string, next: TaskState | null): Project => ({
  ...project,
  taskStates: [...project.taskStates.filter((s) => s.taskId !== taskId), ...(next ? [next] : [])],
});

/**
 * Checks a task off (or back on) with its notes. The tick shows at once (optimistic) and is taken back if the API
 * refuses; the progress, which the API computes, comes with its answer. A project's task writes run one after
 * another (scope), and only the last one's answer is written over the ticks, so quick clicks never flicker back.
 */
export function useSetTask(projectId: string) {
  const queryClient = useQueryClient();
  const projectKey = coachKeys.project(projectId);
  const mutationKey = ['coach', 'tasks', projectId] as const;
  return useMutation({
    mutationKey,
    scope: { id: `coach-tasks-${projectId}` },
    mutationFn: ({ taskId, completed, notes }: { taskId: string; completed: boolean; notes?: string }) =>
      call(
        api.PATCH(`${base}/projects/{id}/tasks/{taskId}`, {
          params: { path: { id: projectId, taskId } },
          body: { completed, ...(notes !== undefined ? { notes } : {}) },
        }),
      ),
    onMutate: async ({ taskId, completed, notes }) => {
      // A refetch already on its way would answer with the state from before this click.
      await queryClient.cancelQueries({ queryKey: projectKey, exact: true });
      const before = queryClient.getQueryData<Project>(projectKey)?.taskStates.find((s) => s.taskId === taskId);
      queryClient.setQueryData<Project>(projectKey, (project) =>
        project
          ? withTaskState(project, taskId, {
              taskId,
              completed,
              completedAt: completed ? (before?.completed ? before.completedAt : new Date().toISOString()) : null,
              notes: notes ?? before?.notes ?? null,
              source: before?.completed === completed ? before.source : 'manual',
            })
          : project,
      );
      return { before: before ?? null };
    },
    onError: (_error, { taskId }, context) => {
      // Back to the state before this click; then the server's own, in case an earlier write went through meanwhile.
      if (context) {
        queryClient.setQueryData<Project>(projectKey, (project) =>
          project ? withTaskState(project, taskId, context.before) : project,
        );
      }
      void queryClient.invalidateQueries({ queryKey: projectKey, exact: true });
    },
    onSuccess: ({ task, progress }) => {
      // This mutation still counts as pending here: more than one means later clicks are waiting their turn.
      if (queryClient.isMutating({ mutationKey }) > 1) return;
      const { title: _title, ...state } = task;
      queryClient.setQueryData<Project>(projectKey, (project) =>
        project ? { ...withTaskState(project, task.taskId, state), progress } : project,
      );
      void queryClient.invalidateQueries({ queryKey: coachKeys.projectLists });
    },
  });
}

export function useDecisions(projectId: string, history: boolean) {
  return useQuery({
    queryKey: coachKeys.decisions(projectId, history),
    queryFn: async () =>
      (
        await call(
          api.GET(`${base}/projects/{id}/decisions`, {
            params: { path: { id: projectId }, query: history ? { include: 'superseded' } : {} },
          }),
        )
      ).decisions,
  });
}

/** Chat history, newest page first; each further page is older (keyset cursor). */
export function useMessageHistory(projectId: string, pageSize = 30) {
  return useInfiniteQuery({
    queryKey: coachKeys.messages(projectId),
    queryFn: ({ pageParam }) =>
      call(
        api.GET(`${base}/projects/{id}/messages`, {
          params: { path: { id: projectId }, query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Fetched afresh each time a chat opens (the turns sent from another page are in it); while it is open the live
    // turns are appended locally instead.
    staleTime: 0,
  });
}

export function useAllowance() {
  return useQuery({
    queryKey: coachKeys.allowance,
    queryFn: () => call(api.GET(`${base}/chat/allowance`)),
  });
}

export const chatUrl = (projectId: string) => `${base}/projects/${encodeURIComponent(projectId)}/chat`;
