/** How creators name their audience platforms, normalised for the template's `audienceFit` and for display. */

/** Audience platform names as the template's `audienceFit` / `topPlatformIn` use them. */
export function normalizePlatform(name: string): string {
  const n = name.trim().toLowerCase();
  if (/youtube|^yt$/.test(n)) return 'youtube';
  if (/tik\s*tok/.test(n)) return 'tiktok';
  if (/instagram|^ig$|^insta$/.test(n)) return 'instagram';
  if (/twitter|^x$|^x\.com$|^x \(/.test(n)) return 'twitter';
  if (/linked\s*in/.test(n)) return 'linkedin';
  if (/facebook|^fb$/.test(n)) return 'facebook';
  if (/podcast|spotify|apple podcasts/.test(n)) return 'podcast';
  if (/newsletter|substack|beehiiv|convertkit|^kit$|mailchimp|email/.test(n)) return 'newsletter';
  return (
    n
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/-+/g, '-') || 'other'
  );
}

export const platformDisplay: Record<string, string> = {
  youtube: 'YouTube',
  tiktok: 'TikTok',
  instagram: 'Instagram',
  twitter: 'X (Twitter)',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  podcast: 'podcast',
  newsletter: 'newsletter',
  twitch: 'Twitch',
  discord: 'Discord',
  patreon: 'Patreon',
  reddit: 'Reddit',
};

export function displayPlatform(original: string): string {
  return platformDisplay[normalizePlatform(original)] ?? original.trim();
}
