import { type FormEvent, useId, useState } from 'react';
import { ApiError, describeError } from '../../lib/api/errors';
import { type Profile, type ProfileInput, useSaveProfile } from './coach-api';

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

const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

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
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: ProfileInput = {
      niche: niche.trim(),
      platforms: rows.map((r) => ({
        platform: r.platform.trim(),
        followers: number(r.followers),
        engagementRate: number(r.engagementRate),
      })),
      currentMonthlyIncome: number(income),
      goal: goal.trim(),
      hoursPerWeek: number(hours),
      ...(audience.trim() ? { audienceDescription: audience.trim() } : {}),
    };
    save.mutate({ input, exists: profile !== null }, { onSuccess: ({ profile: saved }) => onSaved?.(saved) });
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
          onChange={(e) => setNiche(e.target.value)}
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
                onChange={(e) => setRow(r.key, { platform: e.target.value })}
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
                onChange={(e) => setRow(r.key, { followers: e.target.value })}
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
                onChange={(e) => setRow(r.key, { engagementRate: e.target.value })}
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
            onChange={(e) => setIncome(e.target.value)}
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
            onChange={(e) => setHours(e.target.value)}
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
          onChange={(e) => setGoal(e.target.value)}
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
      {save.error && errors.size > 0 ? (
        <p role="alert" className="notice notice--error">
          Check the {errors.size === 1 ? 'field' : `${errors.size} fields`} marked below their input.
        </p>
      ) : null}
      {save.isSuccess && profile ? <p className="notice notice--success">Profile saved.</p> : null}
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : profile ? 'Save profile' : 'See my opportunity'}
        </button>
      </div>
    </form>
  );
}
