import { type FormEvent, useId, useState } from 'react';
import { ApiError, describeError } from '../../lib/api/errors';
import { type Profile, type ProfileInput, useSaveProfile } from './coach-api';
import { parseAmount, parsePercent, parseWholeNumber } from './number-input';

const PLATFORMS = ['YouTube', 'Instagram', 'TikTok', 'Newsletter', 'Podcast', 'X', 'LinkedIn', 'Twitch', 'Facebook'];

interface PlatformRow {
  key: number;
  platform: string;
  followers: string;
  engagementRate: string;
}

let rowKey = 0;
const row = (p?: ProfileInput['platforms'][number]): PlatformRow => ({
  key: rowKey++,
  platform: p?.platform ?? '',
  followers: p ? String(p.followers) : '',
  engagementRate: p ? String(p.engagementRate) : '',
});

/** The API names the field of each problem ("platforms.0.followers"); each shows under its input. */
function fieldErrors(error: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!(error instanceof ApiError)) return map;
  const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
  for (const f of fields) map.set(f.field, f.message);
  return map;
}

/** The checks a person can fix before sending, in plain words; the API checks again and names any other problem. */
function checkInput(input: ProfileInput): Map<string, string> {
  const problems = new Map<string, string>();
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (input.niche.length < 2) problems.set('niche', 'Enter your niche, e.g. "home espresso".');
  input.platforms.forEach((p, i) => {
    if (!p.platform) problems.set(`platforms.${i}.platform`, 'Name the platform.');
    if (!whole(p.followers, 0, 1_000_000_000)) problems.set(`platforms.${i}.followers`, 'Enter a whole number.');
    if (!(p.engagementRate >= 0 && p.engagementRate <= 100)) {
      problems.set(`platforms.${i}.engagementRate`, 'A percentage from 0 to 100, e.g. 4.5 (0 if unknown).');
    }
  });
  if (!(input.currentMonthlyIncome >= 0))
    problems.set('currentMonthlyIncome', 'Enter an amount in dollars (0 if none).');
  if (!whole(input.hoursPerWeek, 1, 80)) problems.set('hoursPerWeek', 'Enter whole hours, 1 to 80.');
  if (input.goal.length < 3) problems.set('goal', 'Describe your goal in a few words.');
  return problems;
}

/** The creator profile: create (POST) on first visit, change (PATCH) later. */
export function ProfileForm({ profile, onSaved }: { profile: Profile | null; onSaved?: (profile: Profile) => void }) {
  const id = useId();
  const save = useSaveProfile();
  const [niche, setNiche] = useState(profile?.niche ?? '');
  const [rows, setRows] = useState<PlatformRow[]>(() =>
    profile?.platforms.length ? profile.platforms.map(row) : [row()],
  );
  const [income, setIncome] = useState(profile ? String(profile.currentMonthlyIncome) : '');
  const [goal, setGoal] = useState(profile?.goal ?? '');
  const [hours, setHours] = useState(profile ? String(profile.hoursPerWeek) : '');
  const [audience, setAudience] = useState(profile?.audienceDescription ?? '');
  // Problems by field, from the checks here or the API's answer; editing a field clears its own.
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const clear = (field: string) =>
    setErrors((all) => {
      if (!all.has(field)) return all;
      const next = new Map(all);
      next.delete(field);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ProfileInput = {
      niche: niche.trim(),
      platforms: rows.map((r) => ({
        platform: r.platform.trim(),
        followers: parseWholeNumber(r.followers),
        engagementRate: parsePercent(r.engagementRate),
      })),
      currentMonthlyIncome: parseAmount(income),
      goal: goal.trim(),
      hoursPerWeek: parseWholeNumber(hours),
      ...(audience.trim() ? { audienceDescription: audience.trim() } : {}),
    };
    const problems = checkInput(input);
    setErrors(problems);
    if (problems.size > 0) return;
    save.mutate(
      { input, exists: profile !== null },
      { onSuccess: ({ profile: saved }) => onSaved?.(saved), onError: (error) => setErrors(fieldErrors(error)) },
    );
  };

  const problem = (field: string) =>
    errors.get(field) ? (
      <p className="field__error" id={`${id}-${field}-error`}>
        {errors.get(field)}
      </p>
    ) : null;
  const describedBy = (field: string) => (errors.get(field) ? `${id}-${field}-error` : undefined);
  const setRow = (key: number, change: Partial<PlatformRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  return (
    <form className="card stack profile-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-niche`}>Your niche</label>
        <input
          id={`${id}-niche`}
          value={niche}
          onChange={(e) => {
            setNiche(e.target.value);
            clear('niche');
          }}
          placeholder="e.g. home espresso and coffee gear"
          aria-invalid={errors.has('niche')}
          aria-describedby={describedBy('niche')}
          required
        />
        {problem('niche')}
      </div>

      <fieldset className="platforms">
        <legend>Your platforms</legend>
        <p className="field__hint">
          Engagement: the share of followers who like, comment or share a typical post. For an email list, use the open
          rate.
        </p>
        <datalist id={`${id}-platform-names`}>
          {PLATFORMS.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        {rows.map((r, i) => (
          <div className="platform-row" key={r.key} data-testid="platform-row">
            <div className="field">
              <label htmlFor={`${id}-p${r.key}`}>Platform</label>
              <input
                id={`${id}-p${r.key}`}
                list={`${id}-platform-names`}
                value={r.platform}
                onChange={(e) => {
                  setRow(r.key, { platform: e.target.value });
                  clear(`platforms.${i}.platform`);
                }}
                aria-invalid={errors.has(`platforms.${i}.platform`)}
                aria-describedby={describedBy(`platforms.${i}.platform`)}
              />
              {problem(`platforms.${i}.platform`)}
            </div>
            <div className="field">
              <label htmlFor={`${id}-f${r.key}`}>Followers</label>
              <input
                id={`${id}-f${r.key}`}
                inputMode="numeric"
                value={r.followers}
                onChange={(e) => {
                  setRow(r.key, { followers: e.target.value });
                  clear(`platforms.${i}.followers`);
                }}
                aria-invalid={errors.has(`platforms.${i}.followers`)}
                aria-describedby={describedBy(`platforms.${i}.followers`)}
              />
              {problem(`platforms.${i}.followers`)}
            </div>
            <div className="field">
              <label htmlFor={`${id}-e${r.key}`}>Engagement %</label>
              <input
                id={`${id}-e${r.key}`}
                inputMode="decimal"
                value={r.engagementRate}
                onChange={(e) => {
                  setRow(r.key, { engagementRate: e.target.value });
                  clear(`platforms.${i}.engagementRate`);
                }}
                aria-invalid={errors.has(`platforms.${i}.engagementRate`)}
                aria-describedby={describedBy(`platforms.${i}.engagementRate`)}
              />
              {problem(`platforms.${i}.engagementRate`)}
            </div>
            {rows.length > 1 ? (
              <button
                type="button"
                className="link-button platform-row__remove"
                onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
              >
                Remove<span className="visually-hidden"> {r.platform || `platform ${i + 1}`}</span>
              </button>
            ) : null}
          </div>
        ))}
        {problem('platforms')}
        <button type="button" className="button button--secondary" onClick={() => setRows((all) => [...all, row()])}>
          Add a platform
        </button>
      </fieldset>

      <div className="profile-form__pair">
        <div className="field">
          <label htmlFor={`${id}-income`}>Current income from your content (US$ a month)</label>
          <input
            id={`${id}-income`}
            inputMode="decimal"
            value={income}
            onChange={(e) => {
              setIncome(e.target.value);
              clear('currentMonthlyIncome');
            }}
            aria-invalid={errors.has('currentMonthlyIncome')}
            aria-describedby={describedBy('currentMonthlyIncome')}
          />
          {problem('currentMonthlyIncome')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-hours`}>Hours a week you can give this</label>
          <input
            id={`${id}-hours`}
            inputMode="numeric"
            value={hours}
            onChange={(e) => {
              setHours(e.target.value);
              clear('hoursPerWeek');
            }}
            aria-invalid={errors.has('hoursPerWeek')}
            aria-describedby={describedBy('hoursPerWeek')}
          />
          {problem('hoursPerWeek')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-goal`}>Your goal</label>
        <input
          id={`${id}-goal`}
          value={goal}
          onChange={(e) => {
            setGoal(e.target.value);
            clear('goal');
          }}
          placeholder="e.g. Replace my sponsorship income with member revenue"
          aria-invalid={errors.has('goal')}
          aria-describedby={describedBy('goal')}
        />
        {problem('goal')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-audience`}>Who your audience is (optional)</label>
        <textarea
          id={`${id}-audience`}
          rows={2}
          value={audience}
          onChange={(e) => setAudience(e.target.value)}
          placeholder="e.g. hobbyist baristas upgrading their first machine"
        />
        {problem('audienceDescription')}
      </div>
      {save.error && errors.size === 0 ? (
        <p role="alert" className="notice notice--error">
          {describeError(save.error)}
        </p>
      ) : null}
      {errors.size > 0 ? (
        <p role="alert" className="notice notice--error">
          Check the {errors.size === 1 ? 'field' : `${errors.size} fields`} marked above.
        </p>
      ) : null}
      {save.isSuccess && profile && errors.size === 0 ? <p className="notice notice--success">Profile saved.</p> : null}
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : profile ? 'Save profile' : 'See my opportunity'}
        </button>
      </div>
    </form>
  );
}
