import { SUBSCRIBED_TOPICS_REFRESH_MS, SubscribedTopics } from './subscribed-topics';

describe('SubscribedTopics', () => {
  const setup = (answers: Array<string[] | Error>) => {
    let now = 1_000_000;
    let reads = 0;
    const repo = {
      receivingTopics: () => {
        const a = answers[Math.min(reads++, answers.length - 1)];
        return a instanceof Error ? Promise.reject(a) : Promise.resolve(new Set(a));
      },
    };
    const topics = new SubscribedTopics(repo, () => now);
    return {
      topics,
      reads: () => reads,
      advance: (ms: number) => {
        now += ms;
      },
    };
  };

  it('skips unsubscribed topics, reading the set at most once per refresh interval', async () => {
    const s = setup([['intake.case.completed.v1']]);
    expect(await s.topics.wanted('intake.case.completed.v1')).toBe(true);
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(false);
    s.advance(SUBSCRIBED_TOPICS_REFRESH_MS - 1);
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(false);
    expect(s.reads()).toBe(1);
    s.advance(1);
    await s.topics.wanted('approval.case.opened.v1');
    expect(s.reads()).toBe(2);
  });

  it('reads again at once after a change in this process', async () => {
    const s = setup([[], ['approval.case.opened.v1']]);
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(false);
    s.topics.invalidate();
    expect(await s.topics.wanted('approval.case.opened.v1')).toBe(true);
  });

  it('takes every event when the set cannot be read (never skips on doubt)', async () => {
    const failing = setup([new Error('database down')]);
    expect(await failing.topics.wanted('approval.case.opened.v1')).toBe(true);
    const stale = setup([[], new Error('database down')]);
    expect(await stale.topics.wanted('approval.case.opened.v1')).toBe(false);
    stale.advance(3 * SUBSCRIBED_TOPICS_REFRESH_MS);
    expect(await stale.topics.wanted('approval.case.opened.v1')).toBe(true);
  });
});
