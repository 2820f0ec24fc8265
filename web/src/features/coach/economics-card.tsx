import type { Economics } from './coach-api';
import { formatCount, formatMoney, formatRange, perInterval } from './format';

/** Members and revenue as ranges, with the assumptions that produce them (docs/COACH-ECONOMICS.md). */
export function EconomicsCard({
  economics,
  title = 'What it could earn you',
}: {
  economics: Economics;
  title?: string;
}) {
  const { price, members, revenue } = economics;
  const money = (n: number) => formatMoney(n, price.currency);
  return (
    <section className="economics" aria-label={title}>
      <h3>{title}</h3>
      <dl className="economics__figures">
        <div>
          <dt>Engaged audience</dt>
          <dd>{formatCount(economics.engaged)}</dd>
        </div>
        <div>
          <dt>Paying members</dt>
          <dd data-testid="economics-members">{formatRange(members.min, members.max, formatCount)}</dd>
        </div>
        <div>
          <dt>Price</dt>
          <dd>
            {formatRange(price.min, price.max, money)}
            <span className="economics__unit">{perInterval(price.interval)}</span>
          </dd>
        </div>
        <div>
          <dt>Revenue</dt>
          <dd data-testid="economics-revenue">
            {formatRange(revenue.min, revenue.max, money)}
            <span className="economics__unit">{economics.revenuePeriod === 'month' ? '/month' : ' once'}</span>
          </dd>
        </div>
      </dl>
      <div className="economics__assumptions">
        <h4>Assumptions behind these ranges</h4>
        <ul className="small">
          {economics.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
