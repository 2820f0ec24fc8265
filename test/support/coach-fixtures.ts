/** A creator profile for coach tests: two platforms, mid-size audience, eight hours a week. */
export const sampleProfile = {
  niche: 'home espresso and coffee gear',
  platforms: [
    { platform: 'YouTube', followers: 42_000, engagementRate: 5.5 },
    { platform: 'Instagram', followers: 12_000, engagementRate: 3.1 },
  ],
  currentMonthlyIncome: 1800,
  goal: 'Replace sponsorship income with member revenue',
  hoursPerWeek: 8,
};
