import { DataSource } from 'typeorm';
import { ScheduleClaimRepository } from '../src/schedule/schedule-claim.repository';

const PERIOD_MS = 15 * 60_000;

/** Three workers (three connection pools) tick the same schedule: one runs it per period. */
describe('ScheduleClaimRepository', () => {
  const sources: DataSource[] = [];
  let workers: ScheduleClaimRepository[];
  const job = `test-job-${process.pid}`;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      sources.push(await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize());
    }
    workers = sources.map((s) => new ScheduleClaimRepository(s));
    await sources[0]?.query(`DELETE FROM schedule_claim WHERE job = $1`, [job]);
  });
  afterAll(async () => {
    await sources[0]?.query(`DELETE FROM schedule_claim WHERE job = $1`, [job]);
    await Promise.all(sources.map((s) => s.destroy()));
  });

  const tickTogether = (): Promise<boolean[]> => Promise.all(workers.map((w) => w.claim(job, PERIOD_MS)));
  const backdate = (seconds: number): Promise<unknown> =>
    sources[0]?.query(`UPDATE schedule_claim SET last_run_at = now() - make_interval(secs => $2) WHERE job = $1`, [job, seconds]) ??
    Promise.resolve();

  it('gives the first run to exactly one of the workers ticking together', async () => {
    expect((await tickTogether()).filter(Boolean)).toHaveLength(1);
  });

  it('refuses every worker until most of the period has passed since the last run, whoever ran it', async () => {
    expect(await tickTogether()).toEqual([false, false, false]);
    // 80 % of the period later: still the same period's run.
    await backdate(0.8 * (PERIOD_MS / 1000));
    expect(await tickTogether()).toEqual([false, false, false]);
  });

  it('gives the next period to exactly one worker again', async () => {
    await backdate(0.95 * (PERIOD_MS / 1000));
    const won = await tickTogether();
    expect(won.filter(Boolean)).toHaveLength(1);
    const [row] = await sources[0].query<{ age: number }[]>(
      `SELECT extract(epoch FROM now() - last_run_at) AS age FROM schedule_claim WHERE job = $1`,
      [job],
    );
    // The winner moved the last run to its own now.
    expect(Number(row?.age)).toBeLessThan(60);
  });

  it('lets a lone worker that ticks once a period run every time', async () => {
    await backdate(PERIOD_MS / 1000);
    expect(await workers[1]?.claim(job, PERIOD_MS)).toBe(true);
    await backdate(PERIOD_MS / 1000);
    expect(await workers[1]?.claim(job, PERIOD_MS)).toBe(true);
  });
});
