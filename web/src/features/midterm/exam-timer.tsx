import { useEffect, useState } from 'react';
import { formatDuration } from './midterm-api';

/** The time now, re-read every second while the component is shown. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** "1:29:59", "4:05": a countdown as a clock on the wall shows it. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * The exam's clock, from the server's due time: counts down, then says plainly that time is up and that a submission
 * is still taken, marked late. The countdown is a role="timer" (not announced every second); the moment time runs
 * out is an alert.
 */
export function ExamTimer({ dueAt }: { dueAt: string }) {
  const now = useNow();
  const left = Date.parse(dueAt) - now;
  if (left > 0) {
    return (
      <div className={`exam-timer${left <= 5 * 60_000 ? ' exam-timer--low' : ''}`} data-testid="exam-timer">
        <span className="small">Time left</span>{' '}
        <span role="timer" aria-label={`Time left: ${formatDuration(left)}`} className="exam-timer__clock">
          {formatClock(left)}
        </span>
      </div>
    );
  }
  return (
    <div className="exam-timer exam-timer--over" data-testid="exam-timer">
      <p role="alert">
        <strong>Time is up.</strong> You can still submit: it will be marked late (by {formatDuration(-left)} now).
      </p>
    </div>
  );
}
