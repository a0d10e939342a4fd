/**
 * A period's totals summed straight from its records, as a reader of the source would add them:
 * the independent side of the tests that check what the app shows.
 */
import { countValue } from '../../src/records/counts.ts';
import type { Period } from '../../src/records/schema.ts';

export function periodTotals(period: Period) {
  const t = {
    dispatched: 0,
    effective: 0,
    lost: 0,
    damagedBeyondRepair: 0,
    damaged: 0,
    claimsDestroyed: 0,
    claimsProbable: 0,
    claimsDamaged: 0,
    kia: 0,
    wia: 0,
    mia: 0,
  };
  for (const m of period.missions) {
    // A force of unstated strength adds nothing to what was dispatched.
    for (const f of m.forces) {
      t.dispatched += f.dispatched !== undefined ? countValue(f.dispatched) : countValue(f.effective) + countValue(f.aborted);
      // On primary targets: target by target where the record breaks it down, else the stated effective.
      const primaries = f.targets.filter((x) => x.kind === 'primary' && x.aircraft !== undefined);
      t.effective += primaries.length ? primaries.reduce((s, x) => s + countValue(x.aircraft), 0) : countValue(f.effective);
    }
    for (const f of [...m.forces, ...m.jointFigures]) {
      t.lost += countValue(f.losses?.lost);
      t.damagedBeyondRepair += countValue(f.losses?.damagedBeyondRepair);
      t.damaged += countValue(f.losses?.damaged);
      t.claimsDestroyed += countValue(f.claims?.destroyed);
      t.claimsProbable += countValue(f.claims?.probable);
      t.claimsDamaged += countValue(f.claims?.damaged);
      t.kia += countValue(f.casualties?.kia);
      t.wia += countValue(f.casualties?.wia);
      t.mia += countValue(f.casualties?.mia);
    }
  }
  return t;
}
