import { useMutation, useQuery } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { TemplateKind } from '../../../../src/contract/keep-in-touch.js';
import { api, queryClient } from '../../lib/api';

export const todayKey = ['today'] as const;

export type TodayData = Awaited<ReturnType<typeof api.getToday>>;
export type NudgeItem = TodayData['nudges'][number];
export type FollowUpItem = TodayData['followUps'][number];

export function useToday() {
  return useQuery({ queryKey: todayKey, queryFn: () => api.getToday({ query: {} }), staleTime: 15_000 });
}

/** Everything that a keep-in-touch change can move: Today, the people lists, the person pages. */
export function refreshAfterChange() {
  void queryClient.invalidateQueries({ queryKey: todayKey });
  void queryClient.invalidateQueries({ queryKey: ['people'] });
  void queryClient.invalidateQueries({ queryKey: ['interactions'] });
  void queryClient.invalidateQueries({ queryKey: ['follow-ups'] });
}

/**
 * Runs a change against Today optimistically: `patch` removes or edits what the
 * change settles at once; a failure puts it back and says why.
 */
export function useTodayChange<A>(
  fn: (arg: A) => Promise<unknown>,
  patch: (d: TodayData, arg: A) => TodayData,
  failure: string,
) {
  return useMutation({
    mutationFn: fn,
    onMutate: async (arg: A) => {
      await queryClient.cancelQueries({ queryKey: todayKey });
      const before = queryClient.getQueryData<TodayData>(todayKey);
      if (before) queryClient.setQueryData<TodayData>(todayKey, patch(before, arg));
      return { before };
    },
    onError: (error, _arg, ctx) => {
      if (ctx?.before) queryClient.setQueryData(todayKey, ctx.before);
      notifications.show({ color: 'red', title: failure, message: (error as Error).message });
    },
    onSettled: refreshAfterChange,
  });
}

export const withoutNudge = (d: TodayData, key: string): TodayData => ({
  ...d,
  nudges: d.nudges.filter((n) => n.key !== key),
});

export const withoutFollowUp = (d: TodayData, id: string): TodayData => ({
  ...d,
  followUps: d.followUps.filter((f) => f.id !== id),
  nudges: d.nudges.filter((n) => n.action.followUpId !== id),
});

/** Fetches a draft and puts it on the clipboard; says so either way. */
export async function copyDraft(personId: string, template: TemplateKind, extra: { achievementId?: string } = {}) {
  try {
    const draft = await api.getDraft({ params: { id: personId }, query: { template, ...extra } });
    await navigator.clipboard.writeText(draft.text);
    notifications.show({ color: 'sage', title: 'Draft copied', message: draft.text.split('\n')[0] ?? '' });
    return draft.text;
  } catch (error) {
    notifications.show({ color: 'red', title: 'Could not copy the draft', message: (error as Error).message });
    return null;
  }
}
