import { withDaysInWords } from '../money.js';
import type { TurnNews } from './context.js';

/**
 * The coach's first words after a message that decided something or finished a task, with progress as it stands
 * after this turn: "Noted: $39/month, replacing $49/month." / "Marked “Write your sales page” done: 5 of 22. Next: …".
 * The offline coach opens its reply with them; the model's system prompt carries the same lines.
 */
export function acknowledgementLines(
  news: TurnNews,
  progress: { completedTasks: number; totalTasks: number; nextTaskTitle?: string | undefined },
): string[] {
  const lines = news.decisions.map(
    (d) =>
      `Noted: ${withDaysInWords(d.summary)}${d.replaces && d.replaces !== d.summary ? `, replacing ${withDaysInWords(d.replaces)}` : ''}.`,
  );
  if (news.tasks.length > 0) {
    const titles = news.tasks.map((t) => `“${t.title}”`);
    const which = titles.length > 1 ? `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}` : titles[0];
    const next =
      progress.totalTasks > 0 && progress.completedTasks >= progress.totalTasks
        ? ' That was the last task of your plan.'
        : progress.nextTaskTitle
          ? ` Next: ${progress.nextTaskTitle}.`
          : '';
    lines.push(`Marked ${which} done: ${progress.completedTasks} of ${progress.totalTasks}.${next}`);
  }
  return lines;
}
