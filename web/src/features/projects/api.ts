import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  DigitalPlan,
  DigitalPlanInput,
  Page,
  Project,
  ProjectDetail,
  ProjectInput,
  ProjectDocument,
  ProjectPatch,
  ProjectTicket,
  TimeEntry,
  TimeEntryInput,
  Workload,
} from '../../../../src/shared/api';

export type {
  DigitalPlan,
  DigitalPlanInput,
  Project,
  ProjectDetail,
  ProjectInput,
  ProjectDocument,
  ProjectPatch,
  ProjectTicket,
  TimeEntry,
  TimeEntryInput,
  Workload,
};

const c = (communeId: string) => `/communes/${encodeURIComponent(communeId)}`;
const p = (projectId: string) => `/projects/${encodeURIComponent(projectId)}`;

export const usePlans = (communeId: string) =>
  useQuery({
    queryKey: ['digital-plans', communeId] as const,
    queryFn: () => api.get<Page<DigitalPlan>>(`${c(communeId)}/digital-plans`),
  });

export function useRecordPlanVersion(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: DigitalPlanInput) => api.post<DigitalPlan>(`${c(communeId)}/digital-plans`, b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['digital-plans', communeId] });
      void qc.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

export const useProjects = (communeId: string, filters: { year?: number; status?: string }) =>
  useQuery({
    queryKey: ['projects', communeId, filters] as const,
    queryFn: () => api.get<Page<Project>>(`${c(communeId)}/projects`, filters),
  });

export function useCreateProject(communeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: ProjectInput) => api.post<ProjectDetail>(`${c(communeId)}/projects`, b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['projects', communeId] }),
  });
}

export const useProject = (projectId: string) =>
  useQuery({ queryKey: ['project', projectId] as const, queryFn: () => api.get<ProjectDetail>(p(projectId)) });

export function usePatchProject(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: ProjectPatch) => api.patch<ProjectDetail>(p(projectId), b),
    onSuccess: (d) => {
      qc.setQueryData(['project', projectId], d);
      void qc.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

export const useTimeEntries = (projectId: string) =>
  useQuery({
    queryKey: ['project', projectId, 'time-entries'] as const,
    queryFn: () => api.get<Page<TimeEntry>>(`${p(projectId)}/time-entries`),
  });

export function useRecordTime(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: TimeEntryInput) => api.post<TimeEntry>(`${p(projectId)}/time-entries`, b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['project', projectId] }),
  });
}

export function useDecideTime(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { entryId: string; decision: 'approved' | 'rejected'; comment?: string | null }) =>
      api.post<TimeEntry>(`/time-entries/${encodeURIComponent(b.entryId)}/decision`, {
        decision: b.decision,
        comment: b.comment ?? null,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['project', projectId] }),
  });
}

export const useWorkload = (q: { from: string; to: string; groupBy: 'team' | 'commune' }) =>
  useQuery({ queryKey: ['workload', q] as const, queryFn: () => api.get<Workload>('/workload', q) });

export const projectsExportUrl = (communeId: string) => `/api/v1${c(communeId)}/projects/export.xlsx`;

export const useProjectTickets = (projectId: string) =>
  useQuery({
    queryKey: ['project', projectId, 'tickets'] as const,
    queryFn: () => api.get<Page<ProjectTicket>>(`${p(projectId)}/tickets`),
  });

export function useLinkTicket(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ticket: string) => api.post<ProjectTicket>(`${p(projectId)}/tickets`, { ticket }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['project', projectId, 'tickets'] }),
  });
}

export function useUnlinkTicket(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: string) => api.del(`${p(projectId)}/tickets/${encodeURIComponent(ticketId)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['project', projectId, 'tickets'] }),
  });
}

export const useProjectDocuments = (projectId: string) =>
  useQuery({
    queryKey: ['project', projectId, 'documents'] as const,
    queryFn: () => api.get<Page<ProjectDocument>>(`${p(projectId)}/documents`),
  });

/** Uploads one file (multipart); the server checks its size and its type from the content. */
export function useUploadDocument(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.post<ProjectDocument>(`${p(projectId)}/documents`, form);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['project', projectId, 'documents'] }),
  });
}

export function useDeleteDocument(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api.del(`/project-documents/${encodeURIComponent(documentId)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['project', projectId, 'documents'] }),
  });
}

export const useOwnerCandidates = (projectId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['project', projectId, 'owner-candidates'] as const,
    queryFn: () =>
      api.get<{ commune: Array<{ id: string; name: string }>; provider: Array<{ id: string; name: string }> }>(
        `${p(projectId)}/owner-candidates`,
      ),
    enabled,
  });

export const usePhaseList = () =>
  useQuery({
    queryKey: ['project-phases'] as const,
    queryFn: () => api.get<{ phases: Array<{ key: string; label: string }> }>('/project-phases'),
  });

export type PhaseList = { phases: Array<{ key: string; label: string }> };
/** PUT /project-phases: the list new projects start with (the shared service's project managers). */
export function usePutPhaseList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PhaseList) => api.put<PhaseList>('/project-phases', body),
    onSuccess: (data) => qc.setQueryData(['project-phases'], data),
  });
}
